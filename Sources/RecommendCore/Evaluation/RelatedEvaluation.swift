/// Every article's related list as a reader would get it under one set of controls: what `recommend eval`
/// scores, so the effect of a control on quality is measured through the same code that serves it.
public enum RelatedEvaluation {
    /// The response for every article of the ranker's index under `query`, in index order, computed in
    /// parallel.
    /// - Throws: what `RelatedRanker.related(to:_:)` throws, for the first article that fails.
    /// - Complexity: articles × the cost of one query.
    public static func responses(_ ranker: RelatedRanker, query: RelatedQuery) throws -> [RelatedResponse] {
        let count = ranker.index.count
        let results = ParallelMap.chunked(count: count, chunkSize: max(64, count / (ParallelMap.workers * 8))) {
            range in
            range.map { i in Result { try ranker.related(to: i, query) } }
        }
        return try results.map { try $0.get() }
    }

    /// The lists of `responses` as the reference scorer reads them (the entries shown, best first).
    public static func lines(_ responses: [RelatedResponse]) -> [RelatedExport.Line] {
        responses.map { response in
            RelatedExport.Line(
                id: response.article?.id ?? "",
                related: response.related.map { RelatedExport.Line.Entry(id: $0.article.id, score: $0.score) })
        }
    }

    /// R@k counting what a collapsed list links to: the relevant articles among the first `k` entries, their
    /// "also published as" ids and the query's own, over the other articles sharing a label (queries as in
    /// `RelatedListScores`). Every article of an uncollapsed top k is among those, so collapsing never lowers
    /// this figure; the strict R@k (entries only) is `RelatedListScores.recall`.
    /// - Returns: nil without queries that have another article sharing a label.
    public static func recallCountingDuplicates(_ responses: [RelatedResponse], corpus: CorpusLabels, k: Int) -> Double?
    {
        var sum = 0.0
        var queries = 0
        var seen = Set<ArticleID>()
        for response in responses {
            guard let id = response.article.map({ ArticleID($0.id) }), let labels = corpus.labels[id], !labels.isEmpty,
                seen.insert(id).inserted
            else { continue }
            let relevant = corpus.relevantCount(for: id)
            guard relevant > 0 else { continue }
            var reached = Set((response.alsoPublishedAs ?? []).map { ArticleID($0) })
            for entry in response.related.prefix(k) {
                reached.insert(ArticleID(entry.article.id))
                reached.formUnion((entry.alsoPublishedAs ?? []).map { ArticleID($0) })
            }
            reached.remove(id)
            let wanted = Set(labels)
            let hits = reached.filter { !wanted.isDisjoint(with: corpus.labels[$0] ?? []) }.count
            queries += 1
            sum += Double(hits) / Double(relevant)
        }
        return queries > 0 ? sum / Double(queries) : nil
    }
}
