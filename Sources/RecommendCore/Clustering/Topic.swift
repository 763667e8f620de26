/// One topic of an index: a cluster of articles with a stable id, distinguishing terms and central articles.
public struct Topic: Sendable, Codable, Equatable {
    /// Stable across rebuilds: a topic that still exists keeps it; ids of topics that died are never reused.
    public var id: Int
    /// Terms that set the topic apart from the others (class-based TF-IDF), as readers write them, best first.
    public var labelTerms: [String]
    /// Articles in the topic.
    public var size: Int
    /// Article numbers closest to the topic's centroid, most central first.
    public var centralArticles: [Int]

    public init(id: Int, labelTerms: [String], size: Int, centralArticles: [Int]) {
        self.id = id
        self.labelTerms = labelTerms
        self.size = size
        self.centralArticles = centralArticles
    }

    /// How people and files name the topic: `t` and the id ("t7").
    public var name: String { "t\(id)" }
}

/// The topic table of an index, stored as JSON beside the per-article topics.
public struct TopicTable: Sendable, Codable, Equatable {
    /// Topics, largest first (the order of the rows of the stored centroids).
    public var topics: [Topic]
    /// The id the next new topic gets; never lower than any id used before, so ids are not recycled.
    public var nextID: Int
    /// How the number of topics was chosen (see `TopicCount`).
    public var count: TopicCount

    public init(topics: [Topic], nextID: Int, count: TopicCount) {
        self.topics = topics
        self.nextID = nextID
        self.count = count
    }

    /// The position in `topics` of the topic with this id.
    public func position(of id: Int) -> Int? { topics.firstIndex { $0.id == id } }
}

/// How many topics were made and why.
public struct TopicCount: Sendable, Codable, Equatable {
    /// Where the number came from.
    public enum Rule: String, Sendable, Codable {
        /// Asked for (`--topics K`).
        case fixed
        /// Chosen by `TopicCountRule`.
        case auto
        /// `auto` kept the previous index's count, nearly as good as the best one.
        case previous
    }

    public var rule: Rule
    /// The number asked for or chosen (the topics made can be fewer when the articles have fewer distinct
    /// directions).
    public var requested: Int
    /// For `auto`: the eigengap score of each candidate k, in range order (see `TopicCountRule.choose`).
    public var scores: [Double]
    /// For `fixed`: the count asked for when it was more than the articles allow and `requested` is the
    /// clamped count (`TopicBuilder.maximumCount(articles:)`); nil otherwise.
    public var asked: Int?

    public init(rule: Rule, requested: Int, scores: [Double] = [], asked: Int? = nil) {
        self.rule = rule
        self.requested = requested
        self.scores = scores
        self.asked = asked
    }
}

/// Everything the index stores about topics.
public struct TopicClusters: Sendable, Equatable {
    public var table: TopicTable
    /// Topic id of each article, `-1` for an article without usable terms.
    public var articleTopics: [Int32]
    /// Cosine of each article to its topic's centroid in the clustering space (`0` without topic).
    public var centrality: [Float]
    /// Term-space centroid of each topic (row `r` for `table.topics[r]`, columns: vocabulary term ids): the
    /// mean TF-IDF vector of its articles, cut to its strongest terms and normalised. It does not depend on the
    /// dense space, so unseen text and later rebuilds (with another vocabulary) can use it.
    public var centroids: SparseMatrix

    public init(table: TopicTable, articleTopics: [Int32], centrality: [Float], centroids: SparseMatrix) {
        self.table = table
        self.articleTopics = articleTopics
        self.centrality = centrality
        self.centroids = centroids
    }
}

/// The topics of the index a rebuild replaces: what stable ids are matched against.
public struct PreviousTopics: Sendable {
    /// Article id -> topic id, for every article that had a topic.
    public var topicOfArticle: [ArticleID: Int]
    public var table: TopicTable

    public init(topicOfArticle: [ArticleID: Int], table: TopicTable) {
        self.topicOfArticle = topicOfArticle
        self.table = table
    }
}

extension PreviousTopics {
    /// The topics of an index's contents (`articleIDs` in index order).
    public init(articleIDs: [String], clusters: TopicClusters) {
        var topicOfArticle: [ArticleID: Int] = [:]
        topicOfArticle.reserveCapacity(articleIDs.count)
        for (id, topic) in zip(articleIDs, clusters.articleTopics) where topic >= 0 {
            topicOfArticle[ArticleID(id)] = Int(topic)
        }
        self.init(topicOfArticle: topicOfArticle, table: clusters.table)
    }
}
