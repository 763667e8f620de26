/// What a reader sees of an article in a list.
public struct ArticleSummary: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    /// ISO 8601 publication time, if known.
    public var published: String?
    public var category: String?
    public var url: String?

    public init(id: String, title: String, published: String? = nil, category: String? = nil, url: String? = nil) {
        self.id = id
        self.title = title
        self.published = published
        self.category = category
        self.url = url
    }
}

/// One entry of a related list. The optional fields are absent from JSON unless a control filled them.
public struct RelatedArticle: Sendable, Codable, Equatable {
    /// 1 for the best match.
    public var rank: Int
    /// The pair score, times the recency decay when one was asked for.
    public var score: Float
    public var article: ArticleSummary
    /// Ids of this article's near-duplicates that the list left out to show it once.
    public var alsoPublishedAs: [String]?
    /// `true` when an editorial pin put the article at this place.
    public var pinned: Bool?
    /// The terms that made the score, when asked for.
    public var explanation: Explanation?
    /// `true` when the entry is not from the stored list but from the article's topic, filling a list that
    /// filters or blocks left short (`RelatedQuery.fallbackToTopic`).
    public var fallback: Bool?

    public init(
        rank: Int, score: Float, article: ArticleSummary, alsoPublishedAs: [String]? = nil, pinned: Bool? = nil,
        explanation: Explanation? = nil, fallback: Bool? = nil
    ) {
        self.rank = rank
        self.score = score
        self.article = article
        self.alsoPublishedAs = alsoPublishedAs
        self.pinned = pinned
        self.explanation = explanation
        self.fallback = fallback
    }
}
