/// One news article as read from a feed.
public struct Article: Sendable, Hashable, Codable {
    /// The article's identifier, unique within an index.
    public var id: String
    /// The headline.
    public var title: String
    /// The text of the article.
    public var body: String
    /// Publication time in seconds since 1970-01-01T00:00:00Z, if the feed gave one.
    public var published: Int64?
    /// The section or category, as the feed's `category` gave it; nil without one (labels never stand in for it:
    /// they are tags, and a category filter on a tag would be a filter the feed never stated).
    public var category: String?
    /// Every label the feed gave (`labels`, plus `category` when it was given separately).
    public var labels: [String]
    /// The canonical address of the article, if any.
    public var url: String?
    /// The article's own embedding, when the feed carries one (`embedding`: a site's own model); every vector of
    /// a feed has the same length. It replaces the installed model's for the embedding channel.
    public var embedding: [Float]?

    public init(
        id: String, title: String, body: String, published: Int64? = nil,
        category: String? = nil, labels: [String] = [], url: String? = nil, embedding: [Float]? = nil
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.published = published
        self.category = category
        self.labels = labels
        self.url = url
        self.embedding = embedding
    }
}
