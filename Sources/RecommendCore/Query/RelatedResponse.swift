/// An article and its related list, as the CLI's `--json` and the HTTP service return them.
public struct RelatedResponse: Sendable, Codable, Equatable {
    /// The query article (absent for unseen text).
    public var article: ArticleSummary?
    public var related: [RelatedArticle]
    /// Ids of near-duplicates of the query article that the list left out (absent when none).
    public var alsoPublishedAs: [String]?

    public init(article: ArticleSummary?, related: [RelatedArticle], alsoPublishedAs: [String]? = nil) {
        self.article = article
        self.related = related
        self.alsoPublishedAs = alsoPublishedAs
    }
}
