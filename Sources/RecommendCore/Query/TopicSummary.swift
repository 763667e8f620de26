/// A topic as the CLI's `--json` and the HTTP service return it.
public struct TopicSummary: Sendable, Codable, Equatable {
    /// The topic's name ("t7").
    public var id: String
    public var labelTerms: [String]
    public var size: Int
    /// The most central articles, most central first.
    public var centralArticles: [ArticleSummary]
}

/// A topic with its articles, most central first.
public struct TopicResponse: Sendable, Codable, Equatable {
    /// One article of the topic with its cosine to the topic centroid.
    public struct Member: Sendable, Codable, Equatable {
        public var centrality: Float
        public var article: ArticleSummary
    }

    public var topic: TopicSummary
    public var articles: [Member]

    public init(topic: TopicSummary, articles: [Member]) {
        self.topic = topic
        self.articles = articles
    }
}
