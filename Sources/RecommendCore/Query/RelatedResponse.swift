/// An article and its related list, as the CLI's `--json` and the HTTP service return them.
public struct RelatedResponse: Sendable, Codable, Equatable {
    /// The query article (absent for unseen text).
    public var article: ArticleSummary?
    public var related: [RelatedArticle]
    /// Ids of near-duplicates of the query article that the list left out (absent when none).
    public var alsoPublishedAs: [String]?
    /// The query article's topic (absent when it has none or the index has no topics).
    public var topic: TopicSummary?

    public init(
        article: ArticleSummary?, related: [RelatedArticle], alsoPublishedAs: [String]? = nil,
        topic: TopicSummary? = nil
    ) {
        self.article = article
        self.related = related
        self.alsoPublishedAs = alsoPublishedAs
        self.topic = topic
    }
}
