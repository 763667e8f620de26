/// Builds the next generation of an index from the previous one plus a few new articles, without recomputing
/// what the new articles do not change.
///
/// The previous index's vocabulary and idf (`TFIDFModel`) and its latent space (`SemanticSpace`) are reused as
/// they are: a new article gets TF-IDF vectors from the old model and a latent vector folded in from its exact
/// lexical scores against the old articles (`SemanticSpace.coordinates`). Each new article's list is then computed
/// exactly against every article, old and new. Scores are symmetric, so an old article's list changes only where
/// a new article beats its worst stored entry (or fills an empty slot); every other old list is kept byte for byte.
///
/// What it does not do (a full rebuild does): re-weigh terms for the grown corpus, learn new words (a term the
/// old vocabulary lacks is ignored), recompute the latent space, or notice an article whose text changed under
/// the same id. Articles removed from the source are not handled: `plan` reports them and the caller rebuilds.
public struct IncrementalIndexBuilder: Sendable {
    /// What an incremental run would do.
    public struct Plan: Sendable, Equatable {
        /// Articles of the source that the previous index lacks, in source order.
        public var added: [Article]
        /// Ids of the previous index that the source no longer has.
        public var removed: [String]
        /// Articles present in both.
        public var kept: Int

        /// Why an incremental run is not possible (the caller then rebuilds in full), nil when it is.
        /// New articles beyond `maximumAddedShare` of the previous index are too many: the old idf and latent
        /// space would describe the grown corpus poorly.
        public func refusal(previousCount: Int) -> String? {
            if !removed.isEmpty {
                return "\(removed.count) article(s) of the previous index are no longer in the source "
                    + "(e.g. '\(removed[0])'); incremental runs only add articles"
            }
            let limit = Int((Double(previousCount) * IncrementalIndexBuilder.maximumAddedShare).rounded(.down))
            if added.count > limit {
                return "\(added.count) new articles exceed \(Int(IncrementalIndexBuilder.maximumAddedShare * 100))% "
                    + "of the previous index (\(limit)); the old vocabulary and latent space would drift"
            }
            return nil
        }
    }

    /// The largest share of new articles an incremental run accepts: 10% of the previous index.
    public static let maximumAddedShare = 0.10

    /// The generation recorded in the new index.
    public var generation: UInt64
    /// Called as each phase ends, for progress output.
    public var onPhase: (@Sendable (BuildReport.Phase) -> Void)?

    public init(generation: UInt64) {
        self.generation = generation
    }

    /// Compares the source's articles with the previous index.
    /// - Complexity: O(articles × log previous count).
    public static func plan(previous: RecommendIndex, articles: [Article]) throws -> Plan {
        var present = [Bool](repeating: false, count: previous.count)
        var added: [Article] = []
        for article in articles {
            if let i = try previous.index(of: article.id) { present[i] = true } else { added.append(article) }
        }
        let removed = present.indices.filter { !present[$0] }.map { previous.ids[$0] }
        return Plan(added: added, removed: removed, kept: previous.count - removed.count)
    }

    /// The contents of the previous index with `added` appended (articles the index does not hold).
    /// - Throws: `IndexFileError` when the previous index's model cannot be loaded.
    /// - Complexity: O(added × (postings of its terms + articles × latent dimensions + articles × log articles)).
    public func build(previous: RecommendIndex, adding added: [Article]) throws -> (
        contents: IndexContents, phases: [BuildReport.Phase]
    ) {
        var timer = PhaseTimer(onPhase: onPhase)
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T { try timer.measure(name, body) }
        let old = try timed("load") { try previous.loadModel() }
        let weighting = previous.metadata.configuration.weighting
        let n0 = previous.count
        let n = n0 + added.count
        let rows = timed("vectors") {
            ParallelMap.chunked(count: added.count, chunkSize: 64) { range in
                range.map { old.model.vectorize(title: added[$0].title, body: added[$0].body) }
            }
        }
        let vectors = FieldVectors(
            title: old.vectors.title.appending(rowsOf: rows.map(\.title)),
            body: old.vectors.body.appending(rowsOf: rows.map(\.body)))
        let semantic = timed("fold-in") {
            old.semantic.map { Self.foldIn(rows, into: $0, over: old.vectors, weighting) }
        }
        let related = timed("similarity") {
            Self.relatedLists(previous: previous, vectors: vectors, semantic: semantic, weighting: weighting)
        }
        var stored = (0..<n0).map { i in
            let date = previous.published[i]
            let category = previous.categories[i]
            let url = previous.urls[i]
            return Article(
                id: previous.ids[i], title: previous.titles[i], body: "", published: date == Int64.min ? nil : date,
                category: category.isEmpty ? nil : category, url: url.isEmpty ? nil : url)
        }
        stored += added.map {
            Article(id: $0.id, title: $0.title, body: "", published: $0.published, category: $0.category, url: $0.url)
        }
        let before = previous.metadata
        var metadata = before
        metadata.generation = generation
        metadata.articleCount = n
        metadata.method = before.method.hasSuffix("+incremental") ? before.method : before.method + "+incremental"
        let contents = IndexContents(
            metadata: metadata, articles: stored, model: old.model, vectors: vectors, semantic: semantic,
            related: related)
        return (contents, timer.phases)
    }

    /// The previous latent space with the new articles' unit vectors and norms appended.
    private static func foldIn(
        _ rows: [FieldVectors], into space: SemanticSpace, over vectors: FieldVectors, _ weighting: WeightingOptions
    ) -> SemanticSpace {
        let projection = TermProjection(
            space: space, titlePostings: vectors.title.transposed(), bodyPostings: vectors.body.transposed(),
            titleWeight: weighting.titleWeight)
        let coordinates = ParallelMap.chunked(count: rows.count, chunkSize: 16) { range in
            range.map { projection.coordinates(of: rows[$0], row: 0) }
        }
        var storage = space.vectors.storage
        var norms = space.norms
        for q in coordinates {
            let norm = q.reduce(0) { $0 + $1 * $1 }.squareRoot()
            storage += norm > 0 ? q.map { $0 / norm } : q
            norms.append(norm)
        }
        let d = space.dimensions
        return SemanticSpace(
            vectors: DenseMatrix(rows: storage.count / max(1, d), columns: d, storage: storage), norms: norms,
            singularValues: space.singularValues)
    }

    /// The previous lists, extended: exact lists for the new articles, and each new article inserted into the old
    /// lists whose worst entry it beats.
    private static func relatedLists(
        previous: RecommendIndex, vectors: FieldVectors, semantic: SemanticSpace?, weighting: WeightingOptions
    ) -> RelatedLists {
        let n0 = previous.count
        let n = vectors.count
        let width = previous.metadata.neighbours
        var lists = RelatedLists(
            width: width,
            indices: Array(previous.relatedIndices) + [Int32](repeating: -1, count: (n - n0) * width),
            scores: Array(previous.relatedScores) + [Float](repeating: 0, count: (n - n0) * width))
        guard width > 0 else { return lists }
        let threshold = (0..<n0).map { j in
            lists.indices[j * width + width - 1] >= 0 ? lists.scores[j * width + width - 1] : -Float.infinity
        }
        let scorer = ExactScorer(
            vectors: vectors, titleWeight: weighting.titleWeight, semantic: semantic,
            semanticWeight: weighting.semanticWeight)
        let scored = ParallelMap.chunked(count: n - n0, chunkSize: 4) { range in
            var workspace = ExactScorer.Workspace(for: scorer)
            var top = TopK(capacity: n)
            return range.map { k in
                top.removeAll()
                scorer.scoreAll(article: n0 + k, workspace: &workspace, into: &top)
                let all = top.sorted()
                let entering = all.filter { Int($0.index) < n0 && $0.score >= threshold[Int($0.index)] }
                return (list: Array(all.prefix(width)), entering: entering)
            }
        }
        var pending = [[(score: Float, index: Int32)]](repeating: [], count: n0)
        for (k, result) in scored.enumerated() {
            lists.set(n0 + k, result.list)
            for entry in result.entering { pending[Int(entry.index)].append((entry.score, Int32(n0 + k))) }
        }
        var top = TopK(capacity: width)
        for j in 0..<n0 where !pending[j].isEmpty {
            top.removeAll()
            for (i, s) in lists.list(of: j) { top.insert(s, Int32(i)) }
            for entry in pending[j] { top.insert(entry.score, entry.index) }
            lists.set(j, top.sorted())
        }
        return lists
    }
}
