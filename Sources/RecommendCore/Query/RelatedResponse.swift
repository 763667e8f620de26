/// An article and its related list, as the CLI's `--json` and the HTTP service return them.
public struct RelatedResponse: Sendable, Codable, Equatable {
    /// The query article (absent for unseen text).
    public var article: ArticleSummary?
    public var related: [RelatedArticle]

    public init(article: ArticleSummary?, related: [RelatedArticle]) {
        self.article = article
        self.related = related
    }
}
