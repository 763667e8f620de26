/// Related articles for text that is not in the index (an editor's draft). The text is vectorised with the
/// index's own vocabulary and idf, placed in its latent space by a `TermProjection` and in its embedding space
/// by the index's embedding model, and scored as an article is at build time: exactly against every article when
/// the index is below its exact limit (or `exact` is asked for); otherwise exactly against candidates, its nearest
/// articles by the dense part of the score (among all of them, or in its nearest cells of a `LatentCells`
/// partition) and the articles sharing its strongest rare terms.
public struct TextSearcher: Sendable {
    public let index: RecommendIndex
    let model: TFIDFModel
    let scorer: ExactScorer
    /// Places texts in the latent space; nil for an index without one.
    let projection: TermProjection?
    /// Embeds texts in the embedding space; nil for an index without one.
    let embedder: ArticleEmbedder?
    /// The rows a text's candidates are searched in (`DenseChannels.candidateSearch`), and how a text's dense row
    /// is placed among them; nil for an index without a dense part.
    let candidateRows: (rows: DenseMatrix, place: @Sendable ([Float]) -> [Float])?
    /// The candidate rows partitioned into cells, for large indexes searched many times.
    let cells: LatentCells?
    /// Scores every article, whatever the index's size.
    let exact: Bool
    /// Scratch memory reused from one text to the next.
    let workspaces: WorkspacePool
    /// Articles that near-duplicate collapse can remove from a list (`RecommendIndex.collapsibleArticles()`).
    let collapsible: Int

    /// How much wider a text's candidate search is than an article's at build time (probes, dense and lexical
    /// candidates): an article's list also gains the articles that found it (the reverse-neighbour merge), a
    /// text's cannot, and one text's search costs little (about a millisecond at 200,000 articles).
    static let breadth = 2

    /// Loads (and verifies) the vocabulary and vectors of `index`.
    /// - Parameter embedder: the model of the index's embedding channel (ignored for an index without one).
    /// - Throws: `IndexFileError` when those sections are damaged; `EmbeddingError.otherModel` when the index has
    ///   an embedding channel and `embedder` is not its model.
    public init(index: RecommendIndex, embedder: ArticleEmbedder? = nil, exact: Bool = false) throws {
        try self.init(index: index, model: try index.loadModel(), embedder: embedder, exact: exact)
    }

    /// A searcher over `index` with its model already loaded (shared with a `RelatedRanker`).
    /// - Parameters:
    ///   - exact: score every article, however many there are.
    ///   - partitioned: for an index above its exact limit, partition the latent space into `2 sqrt(n)` cells
    ///     once, so that each text probes `SimilarityOptions.probes` of them instead of scanning every article
    ///     (about a tenth of the work at 20,000 articles, a thirtieth at 200,000): what a service answering many
    ///     texts wants, not a single query (the partition costs about a second per 200,000 articles).
    ///   - embedder: the model of the index's embedding channel (ignored for an index without one).
    /// - Throws: `EmbeddingError.otherModel` when the index has an embedding channel and `embedder` is not its
    ///   model.
    public init(
        index: RecommendIndex, model loaded: RecommendIndex.Model, embedder: ArticleEmbedder? = nil, exact: Bool = false,
        partitioned: Bool = false
    ) throws(EmbeddingError) {
        self.index = index
        let (model, vectors, semantic, embedding) = loaded
        if let embedding, !embedding.model.isFeed, embedder?.identity != embedding.model {
            throw .otherModel(index: index.path, built: embedding.model, found: embedder?.identity)
        }
        self.model = model
        let weighting = index.metadata.configuration.weighting
        let similarity = index.metadata.configuration.similarity
        let scorer = ExactScorer(vectors: vectors, weighting: weighting, semantic: semantic, embedding: embedding)
        self.scorer = scorer
        self.embedder = scorer.embedding != nil ? embedder : nil
        workspaces = WorkspacePool(for: scorer)
        projection = scorer.semantic.map {
            TermProjection(
                space: $0, titlePostings: scorer.titlePostings, bodyPostings: scorer.bodyPostings,
                model: ScoreModel(lexical: weighting))
        }
        let exact = exact || scorer.dense == nil || vectors.count < similarity.exactBelow
        self.exact = exact
        collapsible = index.collapsibleArticles()
        let candidateRows =
            exact ? nil : scorer.dense.map { $0.candidateSearch(axes: similarity.embeddingCandidateDimensions ?? .max) }
        self.candidateRows = candidateRows
        cells =
            partitioned
            ? candidateRows.map {
                LatentCells(vectors: $0.rows, probes: Self.breadth * similarity.probes, seed: similarity.seed)
            } : nil
    }

    /// The `k` articles most related to a text with this title and body, best first. With `collapse` (the
    /// default, as for an article's list) each near-duplicate group is shown once, its other articles listed in
    /// `alsoPublishedAs`.
    /// - Throws: `QueryError.emptyText` when both are empty; `IndexFileError` when the index's article table is
    ///   damaged where the answer lies.
    /// - Complexity: exact: O(length of the text + postings of its terms + articles × latent dimensions);
    ///   otherwise O(length of the text + latent candidate search + postings of its strongest rare terms +
    ///   candidates × entries per article).
    /// - Parameter embedding: the text's own vector, for an index built from a feed's own vectors (a text
    ///   without one then has no embedding part); ignored by an index whose vectors come from its model.
    public func related(
        title: String, body: String, k: Int, collapse: Bool = true, embedding vector: [Float]? = nil
    ) throws -> [RelatedArticle] {
        guard !title.trimmed.isEmpty || !body.trimmed.isEmpty else { throw QueryError.emptyText }
        let query = model.vectorize(title: title, body: body)
        var embedded: [Float]?
        if let space = scorer.embedding {
            if space.model.isFeed, let vector {
                guard vector.count == space.model.dimensions else {
                    throw QueryError.invalidControl(
                        name: "embedding", value: "\(vector.count) numbers",
                        expected: "\(space.model.dimensions) numbers, as the index's vectors")
                }
                embedded = space.place(vector)
            } else if let embedder {
                embedded = space.place(embedder.embed(title: title, body: body))
            }
        }
        let dense = scorer.denseRow(
            text: query, row: 0, latent: projection?.unitVector(of: query, row: 0), embedding: embedded)
        var top = TopK(capacity: collapse ? min(index.count, k + collapsible) : k)
        workspaces.withWorkspace { workspace in
            if exact {
                scorer.scoreAll(text: query, row: 0, dense: dense, workspace: &workspace, into: &top)
            } else {
                let options = index.metadata.configuration.similarity
                var candidates = nearestByDenseRows(dense ?? [], count: Self.breadth * options.candidates)
                candidates += scorer.lexicalCandidates(
                    of: query, row: 0, excluding: nil, terms: options.lexicalTerms,
                    count: Self.breadth * options.lexicalCandidates, workspace: &workspace)
                var seen = Set<Int32>()
                candidates = candidates.filter { seen.insert($0).inserted }
                let scores = scorer.scores(of: query, row: 0, dense: dense, candidates, workspace: &workspace)
                for (j, s) in zip(candidates, scores) where s > 0 { top.insert(s, j) }
            }
        }
        let found = top.sorted()
        try index.checkArticles(found.map { Int($0.index) })
        let kept =
            collapse
            ? index.collapsingNearDuplicates(found.map { Int($0.index) }, query: nil).kept
            : found.indices.map { ($0, [String]()) }
        return kept.prefix(k).enumerated().map { rank, entry in
            let (score, article) = (found[entry.position].score, Int(found[entry.position].index))
            return RelatedArticle(
                rank: rank + 1, score: score, article: index.article(article),
                alsoPublishedAs: entry.alsoPublishedAs.isEmpty ? nil : entry.alsoPublishedAs)
        }
    }

    /// The `count` articles whose candidate rows have the highest inner product with the dense row `q` placed
    /// among them (about the dense part of the score): from the cells nearest to it when the rows are partitioned,
    /// otherwise from all of them (one `sgemv`).
    private func nearestByDenseRows(_ q: [Float], count: Int) -> [Int32] {
        guard let dense = scorer.dense, let candidateRows, q.count == dense.dimensions else { return [] }
        let placed = candidateRows.place(q)
        if let cells { return cells.nearest(to: placed, count: count) }
        var top = TopK(capacity: count)
        top.insert(scores: candidateRows.rows.innerProducts(with: placed))
        return top.sortedIndices()
    }
}
