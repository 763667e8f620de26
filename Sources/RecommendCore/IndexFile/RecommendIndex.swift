/// An index file opened for queries: mapped, not read, so opening costs little whatever the corpus size.
/// The metadata is verified on open; the article table and related lists on open too, or, with
/// `checking: .onUse`, block by block as a query reads them; the vocabulary and vectors (needed only for
/// unseen text) when `loadModel()` is called.
public struct RecommendIndex: Sendable {
    public let metadata: IndexMetadata
    /// When the per-article sections are verified.
    public let checking: Checking
    let sections: IndexSections
    let ids: MappedStrings
    let idOrder: MappedArray<Int32>
    let titles: MappedStrings
    let published: MappedArray<Int64>
    let categories: MappedStrings
    let urls: MappedStrings
    let relatedIndices: MappedArray<Int32>
    let relatedScores: MappedArray<Float>
    /// Near-duplicate group per article (the `DUPG` section), nil when the index has none.
    let duplicateGroups: MappedArray<Int32>?
    /// The topic table, `nil` for an index built before topics existed.
    public let topicTable: TopicTable?
    let articleTopics: MappedArray<Int32>?
    let topicCentrality: MappedArray<Float>?

    /// When the per-article sections (ids, headlines, dates, categories, URLs, related lists, near-duplicate
    /// groups, topics) are verified.
    public enum Checking: Sendable {
        /// All of them when the index is opened: for a service or a batch job, which read most of them.
        case onOpen
        /// Only the blocks a query reads, when it first reads them (`index(of:)`, `storedList(of:)`,
        /// `checkArticles(_:)`): for one query on a large index, whose start-up would otherwise be spent
        /// checking the whole article table. The rows a caller reads must come from those calls.
        case onUse
    }

    /// Where the bytes of an open index live.
    public enum Residence: Sendable {
        /// The file's pages, mapped: opening costs nothing and a query reads only what it needs. The file must be
        /// replaced by renaming a new one over it (as `reindex` and `index` do), never rewritten in place while
        /// it is open.
        case mapped
        /// A copy in the process's own memory, read whole on opening: what a long-running service holds, so that
        /// a file truncated or overwritten in place under it can neither fault nor change what it serves.
        case copied
    }

    /// Opens and checks the index at `path`.
    /// - Throws: `IndexFileError` when the file is missing, not a regular file, not an index, of another version,
    ///   truncated or corrupt.
    public init(path: String, checking: Checking = .onOpen, residence: Residence = .mapped) throws {
        let sections = try IndexSections(path: path, copy: residence == .copied)
        self.sections = sections
        self.checking = checking
        let json = try sections.bytes(.metadata)
        var metadata: IndexMetadata
        do {
            metadata = try JSONCoding.decode(IndexMetadata.self, from: json)
        } catch {
            throw IndexFileError.malformed(path: path, detail: "metadata is not readable: \(error)")
        }
        guard metadata.formatVersion == sections.version else {
            throw IndexFileError.malformed(
                path: path, detail: "metadata says format version \(metadata.formatVersion), the header \(sections.version)")
        }
        if sections.version == 1 {
            // Version 1 did not store the near-duplicate options; its grouping is whether the file has groups.
            metadata.configuration.nearDuplicates = sections.contains(.duplicateGroups) ? NearDuplicateOptions() : nil
        }
        self.metadata = metadata
        let n = metadata.articleCount
        guard n >= 0, metadata.neighbours >= 0 else { throw IndexFileError.malformed(path: path, detail: "bad counts") }
        let now = checking == .onOpen
        ids = try sections.strings(.ids, count: n, checked: now)
        idOrder = try sections.array(.idOrder, of: Int32.self, count: n, checked: now)
        titles = try sections.strings(.titles, count: n, checked: now)
        published = try sections.array(.published, of: Int64.self, count: n, checked: now)
        categories = try sections.strings(.categories, count: n, checked: now)
        urls = try sections.strings(.urls, count: n, checked: now)
        relatedIndices = try sections.array(
            .relatedIndices, of: Int32.self, count: n * metadata.neighbours, checked: now)
        relatedScores = try sections.array(.relatedScores, of: Float.self, count: n * metadata.neighbours, checked: now)
        duplicateGroups =
            sections.contains(.duplicateGroups)
            ? try sections.array(.duplicateGroups, of: Int32.self, count: n, checked: now) : nil
        if sections.contains(.topicTable) {
            let table: TopicTable
            do {
                table = try JSONCoding.decode(TopicTable.self, from: try sections.bytes(.topicTable))
            } catch let error as IndexFileError {
                throw error
            } catch {
                throw IndexFileError.malformed(path: path, detail: "topic table is not readable: \(error)")
            }
            guard table.topics.allSatisfy({ $0.centralArticles.allSatisfy { (0..<n).contains($0) } }) else {
                throw IndexFileError.malformed(path: path, detail: "topics point to unknown articles")
            }
            topicTable = table
            articleTopics = try sections.array(.articleTopics, of: Int32.self, count: n, checked: now)
            topicCentrality = try sections.array(.topicCentrality, of: Float.self, count: n, checked: now)
        } else {
            topicTable = nil
            articleTopics = nil
            topicCentrality = nil
        }
        if now { try validateArticleReferences(0..<n) }
    }

    /// Checks that the near-duplicate groups and topics of `rows` point inside the index.
    private func validateArticleReferences(_ rows: some Collection<Int>) throws(IndexFileError) {
        let known = Set(topicTable?.topics.map(\.id) ?? [])
        for i in rows {
            if let duplicateGroups, !(0..<count).contains(Int(duplicateGroups[i])) {
                throw .malformed(path: path, detail: "near-duplicate groups point outside the index")
            }
            if let articleTopics, articleTopics[i] >= 0, !known.contains(Int(articleTopics[i])) {
                throw .malformed(path: path, detail: "topics point to unknown topics")
            }
        }
    }

    /// Verifies what a query reads about articles `rows` (with `checking: .onUse`; otherwise it was verified on
    /// open): their id, headline, date, category, URL, near-duplicate group and topic.
    /// - Throws: `IndexFileError` naming the damaged section.
    /// - Complexity: O(rows) block checks, each block once per opened file.
    public func checkArticles(_ rows: some Collection<Int>) throws(IndexFileError) {
        guard checking == .onUse, !sections.allChecked else { return }
        for i in rows {
            guard i >= 0, i < count else { throw .malformed(path: path, detail: "no article \(i)") }
            try sections.check(.ids, string: i, of: ids)
            try sections.check(.titles, string: i, of: titles)
            try sections.check(.categories, string: i, of: categories)
            try sections.check(.urls, string: i, of: urls)
            try sections.check(.published, bytes: (8 * i)..<(8 * i + 8))
            if duplicateGroups != nil { try sections.check(.duplicateGroups, bytes: (4 * i)..<(4 * i + 4)) }
            if articleTopics != nil {
                try sections.check(.articleTopics, bytes: (4 * i)..<(4 * i + 4))
                try sections.check(.topicCentrality, bytes: (4 * i)..<(4 * i + 4))
            }
        }
        try validateArticleReferences(rows)
    }

    /// Checks the checksum of every section, including those a query opens only when it needs them (vectors,
    /// topic centroids): what a service or a nightly job does before trusting a new file. (`loadModel()` checks
    /// the structure of the vector sections as it copies them.)
    /// - Throws: `IndexFileError.checksumMismatch` naming the damaged section.
    /// - Complexity: O(file size).
    public func verify() throws {
        try sections.verifyAll()
        if checking == .onUse {
            for table in [ids, titles, categories, urls] {
                for i in 0..<count where !table.hasValidOffsets(i) {
                    throw IndexFileError.malformed(path: path, detail: "a string table has bad offsets")
                }
            }
            try validateArticleReferences(0..<count)
        }
    }

    /// The vocabulary, idf, article vectors, latent and embedding spaces, as `loadModel()` copies them into memory.
    public typealias Model = (
        model: TFIDFModel, vectors: FieldVectors, semantic: SemanticSpace?, embedding: EmbeddingSpace?
    )

    /// The path the index was opened from.
    public var path: String { sections.path }

    /// The number of articles.
    public var count: Int { metadata.articleCount }

    /// The position of the article with id `id`, by binary search over the ids' bytes.
    /// - Throws: `IndexFileError` when a block it reads is damaged (with `checking: .onUse`).
    /// - Complexity: O(log count).
    public func index(of id: String) throws(IndexFileError) -> Int? {
        let key = Array(id.utf8)
        func idBytes(atSorted position: Int) throws(IndexFileError) -> (article: Int, bytes: UnsafeRawBufferPointer)? {
            if checking == .onUse { try sections.check(.idOrder, bytes: (4 * position)..<(4 * position + 4)) }
            let article = Int(idOrder[position])
            guard article >= 0, article < count else { return nil }
            if checking == .onUse { try sections.check(.ids, string: article, of: ids) }
            return (article, ids.bytes(article))
        }
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            guard let candidate = try idBytes(atSorted: mid) else { return nil }
            if candidate.bytes.lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
        }
        guard low < count, let found = try idBytes(atSorted: low), found.bytes.elementsEqual(key) else { return nil }
        try checkArticles(CollectionOfOne(found.article))
        return found.article
    }

    /// The article at position `i`. Like every accessor of one article's data, it reads a row the caller got
    /// from `index(of:)`, a stored list or `checkArticles(_:)`, which verify it with `checking: .onUse`.
    public func article(_ i: Int) -> ArticleSummary {
        let date = published[i]
        let category = categories[i]
        let url = urls[i]
        return ArticleSummary(
            id: ids[i], title: titles[i], published: date == Int64.min ? nil : ISO8601Date.format(date),
            category: category.isEmpty ? nil : category, url: url.isEmpty ? nil : url)
    }

    /// The near-duplicate group of article `i`: equal for two articles exactly when they are one text
    /// re-published or lightly rewritten (the index of the group's first article; `i` itself when ungrouped).
    public func duplicateGroup(of i: Int) -> Int { duplicateGroups.map { Int($0[i]) } ?? i }

    /// The publication time of article `i` in seconds since the epoch, if known.
    func publishedSeconds(_ i: Int) -> Int64? {
        let date = published[i]
        return date == Int64.min ? nil : date
    }

    /// The category of article `i`, if any.
    func category(_ i: Int) -> String? {
        let category = categories[i]
        return category.isEmpty ? nil : category
    }

    /// The id of article `i`.
    public func id(_ i: Int) -> String { ids[i] }

    /// The headline of article `i`.
    public func title(_ i: Int) -> String { titles[i] }

    /// The stored related list of article `i` as (article, score), best first.
    /// - Throws: `IndexFileError.malformed` if the list points outside the index.
    func storedList(of i: Int) throws -> [(article: Int, score: Float)] {
        let width = metadata.neighbours
        if checking == .onUse {
            try checkArticles(CollectionOfOne(i))
            try sections.check(.relatedIndices, bytes: (4 * width * i)..<(4 * width * (i + 1)))
            try sections.check(.relatedScores, bytes: (4 * width * i)..<(4 * width * (i + 1)))
        }
        var out: [(article: Int, score: Float)] = []
        out.reserveCapacity(width)
        for slot in 0..<width {
            let j = Int(relatedIndices[i * width + slot])
            guard j >= 0 else { break }
            guard j < count, j != i else {
                throw IndexFileError.malformed(path: path, detail: "related list of article \(i) points to \(j)")
            }
            out.append((j, relatedScores[i * width + slot]))
        }
        try checkArticles(out.map(\.article))
        return out
    }

    /// The stored related list of article `i`, best first, at most `limit` long.
    /// - Throws: `IndexFileError.malformed` if the list points outside the index.
    public func related(to i: Int, limit: Int) throws -> [RelatedArticle] {
        try storedList(of: i).prefix(limit).enumerated().map { slot, entry in
            RelatedArticle(rank: slot + 1, score: entry.score, article: article(entry.article))
        }
    }

    /// The vocabulary, idf and article vectors, verified and copied into memory (for queries with unseen text,
    /// explanations and re-ranking).
    public func loadModel() throws -> Model {
        let terms = try sections.strings(.terms, count: metadata.termCount)
        let display = try sections.strings(.displayForms, count: metadata.termCount)
        let vocabulary = Vocabulary(
            terms: Array(terms), displayForms: Array(display),
            titleIDF: Array(try sections.array(.titleIDF, of: Float.self, count: metadata.termCount)),
            bodyIDF: Array(try sections.array(.bodyIDF, of: Float.self, count: metadata.termCount)))
        let vectors = FieldVectors(
            title: try sections.matrix(
                .titleRows, .titleColumns, .titleValues, rows: count, columns: metadata.termCount),
            body: try sections.matrix(.bodyRows, .bodyColumns, .bodyValues, rows: count, columns: metadata.termCount))
        let d = metadata.semanticDimensions
        var semantic: SemanticSpace?
        if d > 0 {
            let unit = Array(try sections.array(.semanticVectors, of: Float.self, count: count * d))
            semantic = SemanticSpace(
                vectors: DenseMatrix(rows: count, columns: d, storage: unit),
                norms: Array(try sections.array(.semanticNorms, of: Float.self, count: count)),
                singularValues: Array(try sections.array(.semanticSingularValues, of: Float.self, count: d)))
        }
        var embedding: EmbeddingSpace?
        if let identity = metadata.embedding {
            let e = identity.dimensions
            guard e > 0, e < 1 << 16 else {
                throw IndexFileError.malformed(path: path, detail: "the embedding model has \(e) dimensions")
            }
            var axes: DenseMatrix?
            if let k = metadata.embeddingAxes {
                guard k > 0, k <= e else {
                    throw IndexFileError.malformed(path: path, detail: "\(k) embedding axes for \(e) dimensions")
                }
                axes = DenseMatrix(
                    rows: k, columns: e, storage: Array(try sections.array(.embeddingAxes, of: Float.self, count: k * e)))
            }
            let width = axes?.rows ?? e
            embedding = EmbeddingSpace(
                model: identity, mean: Array(try sections.array(.embeddingMean, of: Float.self, count: e)), axes: axes,
                vectors: DenseMatrix(
                    rows: count, columns: width,
                    storage: Array(try sections.array(.embeddingVectors, of: Float.self, count: count * width))))
        }
        let configuration = metadata.configuration
        let model = TFIDFModel(vocabulary: vocabulary, text: configuration.text, weighting: configuration.weighting)
        return (model, vectors, semantic, embedding)
    }
}
