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

/// One entry of a related list.
public struct RelatedArticle: Sendable, Codable, Equatable {
    /// 1 for the best match.
    public var rank: Int
    public var score: Float
    public var article: ArticleSummary
}
