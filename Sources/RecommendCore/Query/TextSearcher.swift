/// Related articles for text that is not in the index (an editor's draft): the text is vectorised with the
/// index's own vocabulary and idf and scored exactly against every article through the postings lists.
public struct TextSearcher: Sendable {
    public let index: RecommendIndex
    let model: TFIDFModel
    let scorer: ExactScorer

    /// Loads (and verifies) the vocabulary and vectors of `index`.
    /// - Throws: `IndexFileError` when those sections are damaged.
    public init(index: RecommendIndex) throws {
        self.init(index: index, model: try index.loadModel())
    }

    /// A searcher over `index` with its model already loaded (shared with a `RelatedRanker`).
    public init(index: RecommendIndex, model loaded: RecommendIndex.Model) {
        self.index = index
        let (model, vectors, semantic) = loaded
        self.model = model
        let weighting = index.metadata.configuration.weighting
        scorer = ExactScorer(
            vectors: vectors, titleWeight: weighting.titleWeight, semantic: semantic,
            semanticWeight: weighting.semanticWeight)
    }

    /// The `k` articles most related to a text with this title and body, best first.
    /// - Throws: `QueryError.emptyText` when both are empty.
    /// - Complexity: O(length of the text + postings of its terms + articles × latent dimensions).
    public func related(title: String, body: String, k: Int) throws -> [RelatedArticle] {
        guard !title.trimmed.isEmpty || !body.trimmed.isEmpty else { throw QueryError.emptyText }
        let query = model.vectorize(title: title, body: body)
        var workspace = ExactScorer.Workspace(for: scorer)
        var top = TopK(capacity: k)
        scorer.scoreAll(text: query, row: 0, workspace: &workspace, into: &top)
        let found = top.sorted()
        try index.checkArticles(found.map { Int($0.index) })
        return found.enumerated().map { rank, entry in
            RelatedArticle(rank: rank + 1, score: entry.score, article: index.article(Int(entry.index)))
        }
    }
}
