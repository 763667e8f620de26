/// The whole file read back into memory: the inverse of `IndexWriter.encode`, so that
/// `try RecommendIndex(path: p).contents() == c` after `IndexWriter.write(c, to: p)`.
extension RecommendIndex {
    /// Every section of the index, verified and copied into memory: what an incremental build starts from.
    /// - Throws: `IndexFileError` when a section is missing, damaged or inconsistent.
    /// - Complexity: O(file size).
    public func contents() throws -> IndexContents {
        try sections.verifyAll()
        let loaded = try loadModel()
        let n = count
        let articles = (0..<n).map { i in
            Article(
                id: ids[i], title: titles[i], body: "", published: publishedSeconds(i), category: category(i),
                url: urls[i].isEmpty ? nil : urls[i])
        }
        let related = RelatedLists(
            width: metadata.neighbours, indices: Array(relatedIndices), scores: Array(relatedScores))
        let duplicates = duplicateGroups.map { NearDuplicateGroups(group: Array($0)) }
        var topics: TopicClusters?
        if let topicTable, let articleTopics, let topicCentrality {
            topics = TopicClusters(
                table: topicTable, articleTopics: Array(articleTopics), centrality: Array(topicCentrality),
                centroids: try sections.matrix(
                    .centroidRows, .centroidColumns, .centroidValues, rows: topicTable.topics.count,
                    columns: metadata.termCount))
        }
        return IndexContents(
            metadata: metadata, articles: articles, model: loaded.model, vectors: loaded.vectors,
            semantic: loaded.semantic, embedding: loaded.embedding, related: related, duplicates: duplicates, topics: topics)
    }
}
