internal import Foundation

/// Encodes index contents as the file `IndexFormat` describes and writes it atomically (`OutputFile`: a
/// temporary name in the same directory, flushed to disk, then renamed over the destination), so a crash never
/// leaves a half-written file under the real name.
public enum IndexWriter {
    /// Writes `contents` to `path`.
    /// - Throws: `OutputError` (`notReplaceable` before anything is written when `path` names something other
    ///   than a regular file); the destination is then unchanged.
    public static func write(_ contents: IndexContents, to path: String) throws {
        try OutputFile.checkReplaceable(path)
        let bytes = try encode(contents)
        let temporary = OutputFile.temporaryPath(for: path)
        try OutputFile.writeDurably(bytes, to: temporary, reporting: path)
        try OutputFile.install(temporary, at: path)
    }

    /// The complete file image of `contents`.
    static func encode(_ contents: IndexContents) throws -> [UInt8] {
        let articles = contents.articles
        var idOrder = Array(0..<Int32(articles.count))
        let idBytes = articles.map { Array($0.id.utf8) }
        idOrder.sort { idBytes[Int($0)].lexicographicallyPrecedes(idBytes[Int($1)]) }
        var stamped = contents.metadata
        stamped.formatVersion = IndexFormat.version
        let metadata = try JSONCoding.encoder.encode(stamped)
        let vocabulary = contents.model.vocabulary
        var sections: [(SectionTag, [UInt8])] = [
            (.metadata, Array(metadata)),
            (.ids, SectionEncoder.stringTable(articles.map(\.id))),
            (.idOrder, SectionEncoder.array(idOrder)),
            (.titles, SectionEncoder.stringTable(articles.map(\.title))),
            (.published, SectionEncoder.array(articles.map { $0.published ?? Int64.min })),
            (.categories, SectionEncoder.stringTable(articles.map { $0.category ?? "" })),
            (.urls, SectionEncoder.stringTable(articles.map { $0.url ?? "" })),
            (.terms, SectionEncoder.stringTable(vocabulary.terms)),
            (.displayForms, SectionEncoder.stringTable(vocabulary.displayForms)),
            (.titleIDF, SectionEncoder.array(vocabulary.titleIDF)),
            (.bodyIDF, SectionEncoder.array(vocabulary.bodyIDF)),
            (.titleRows, SectionEncoder.array(contents.vectors.title.rowStart.map { UInt64($0) })),
            (.titleColumns, SectionEncoder.array(contents.vectors.title.columns)),
            (.titleValues, SectionEncoder.array(contents.vectors.title.values)),
            (.bodyRows, SectionEncoder.array(contents.vectors.body.rowStart.map { UInt64($0) })),
            (.bodyColumns, SectionEncoder.array(contents.vectors.body.columns)),
            (.bodyValues, SectionEncoder.array(contents.vectors.body.values)),
            (.semanticVectors, SectionEncoder.array(contents.semantic?.vectors.storage ?? [])),
            (.semanticNorms, SectionEncoder.array(contents.semantic?.norms ?? [])),
            (.semanticSingularValues, SectionEncoder.array(contents.semantic?.singularValues ?? [])),
            (.relatedIndices, SectionEncoder.array(contents.related.indices)),
            (.relatedScores, SectionEncoder.array(contents.related.scores)),
        ]
        if let embedding = contents.embedding {
            sections += [
                (.embeddingVectors, SectionEncoder.array(embedding.vectors.storage)),
                (.embeddingMean, SectionEncoder.array(embedding.mean)),
            ]
            if let axes = embedding.axes { sections.append((.embeddingAxes, SectionEncoder.array(axes.storage))) }
        }
        if let duplicates = contents.duplicates {
            sections.append((.duplicateGroups, SectionEncoder.array(duplicates.group)))
        }
        if let topics = contents.topics {
            sections += [
                (.topicTable, Array(try JSONCoding.encoder.encode(topics.table))),
                (.articleTopics, SectionEncoder.array(topics.articleTopics)),
                (.topicCentrality, SectionEncoder.array(topics.centrality)),
                (.centroidRows, SectionEncoder.array(topics.centroids.rowStart.map { UInt64($0) })),
                (.centroidColumns, SectionEncoder.array(topics.centroids.columns)),
                (.centroidValues, SectionEncoder.array(topics.centroids.values)),
            ]
        }
        let checksums = sections.map { $0.1.withUnsafeBytes { Checksum.blocks($0) } }
        let blockChecksums = SectionEncoder.array(checksums.flatMap(\.blocks))
        sections.append((.blockChecksums, blockChecksums))
        let wholeChecksums = checksums.map(\.whole) + [blockChecksums.withUnsafeBytes { Checksum.crc32($0) }]
        func aligned(_ x: Int) -> Int { (x + IndexFormat.alignment - 1) / IndexFormat.alignment * IndexFormat.alignment }
        var offset = aligned(IndexFormat.headerSize + IndexFormat.sectionEntrySize * sections.count)
        var table = SectionEncoder()
        var placed: [(Int, [UInt8])] = []
        for ((tag, payload), checksum) in zip(sections, wholeChecksums) {
            table.append(tag.code)
            table.append(UInt32(0))
            table.append(UInt64(offset))
            table.append(UInt64(payload.count))
            table.append(checksum)
            table.append(UInt32(0))
            placed.append((offset, payload))
            offset = aligned(offset + payload.count)
        }
        let fileLength = placed.last.map { $0.0 + $0.1.count } ?? offset
        var header = SectionEncoder()
        for b in IndexFormat.magic { header.append(b) }
        header.append(IndexFormat.version)
        header.append(UInt32(sections.count))
        header.append(UInt64(fileLength))
        header.append(table.bytes.withUnsafeBytes { Checksum.crc32($0) })
        header.append(header.bytes.withUnsafeBytes { Checksum.crc32($0) })
        var file = [UInt8](repeating: 0, count: fileLength)
        file.replaceSubrange(0..<IndexFormat.headerSize, with: header.bytes)
        file.replaceSubrange(IndexFormat.headerSize..<(IndexFormat.headerSize + table.bytes.count), with: table.bytes)
        for (start, payload) in placed { file.replaceSubrange(start..<(start + payload.count), with: payload) }
        return file
    }
}
