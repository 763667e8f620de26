internal import Foundation

/// Topic questions answered from the stored topic sections.
extension RecommendIndex {
    /// The topics, largest first.
    /// - Throws: `QueryError.noTopics` for an index built before topics existed.
    public func topics() throws -> [Topic] {
        guard let topicTable else { throw QueryError.noTopics(path: path) }
        return topicTable.topics
    }

    /// The topic of article `i`, `nil` when it has none (no usable terms) or the index has no topics.
    public func topic(ofArticle i: Int) -> Topic? {
        guard let topicTable, let articleTopics else { return nil }
        let id = Int(articleTopics[i])
        return id < 0 ? nil : topicTable.position(of: id).map { topicTable.topics[$0] }
    }

    /// The topic named `name` ("t7" or "7").
    /// - Throws: `QueryError.noTopics` or `QueryError.unknownTopic`.
    public func topic(named name: String) throws -> Topic {
        let topics = try topics()
        let digits = name.hasPrefix("t") ? name.dropFirst() : Substring(name)
        guard let id = Int(digits), let topic = topics.first(where: { $0.id == id }) else {
            throw QueryError.unknownTopic(name)
        }
        return topic
    }

    /// The articles of topic `id`, most central first (ties: index order), each with its cosine to the centroid.
    /// - Complexity: O(articles + m log m) for a topic of m articles.
    public func articles(inTopic id: Int) -> [(index: Int, centrality: Float)] {
        guard let articleTopics, let topicCentrality else { return [] }
        var members: [(index: Int, centrality: Float)] = []
        for i in 0..<count where Int(articleTopics[i]) == id { members.append((i, topicCentrality[i])) }
        return members.sorted { ($0.centrality, -$0.index) > ($1.centrality, -$1.index) }
    }

    /// The topics of the index at `path`, for a rebuild that keeps their ids. When the index is not `required`
    /// (the default previous index is the file about to be replaced), a missing file gives `nil` and an unreadable
    /// one `nil` with the reason, so the build goes on with fresh ids.
    /// - Throws: `IndexFileError` for a `required` index that cannot be read.
    public static func previousTopics(at path: String, required: Bool) throws -> (
        topics: PreviousTopics?, ignored: String?
    ) {
        if required { return (try RecommendIndex(path: path).previousTopics(), nil) }
        guard FileManager.default.fileExists(atPath: path) else { return (nil, nil) }
        do {
            return (try RecommendIndex(path: path).previousTopics(), nil)
        } catch {
            return (nil, "\(error)")
        }
    }

    /// The article -> topic map of this index, for a rebuild that keeps topic ids (`nil` without topics).
    public func previousTopics() -> PreviousTopics? {
        guard let topicTable, let articleTopics else { return nil }
        var topicOfArticle: [ArticleID: Int] = [:]
        topicOfArticle.reserveCapacity(count)
        for i in 0..<count where articleTopics[i] >= 0 { topicOfArticle[ArticleID(ids[i])] = Int(articleTopics[i]) }
        return PreviousTopics(topicOfArticle: topicOfArticle, table: topicTable)
    }

    /// A topic as readers see it: its name, label terms, size and central headlines.
    public func summary(of topic: Topic) -> TopicSummary {
        TopicSummary(
            id: topic.name, labelTerms: topic.labelTerms, size: topic.size,
            centralArticles: topic.centralArticles.map { article($0) })
    }

    /// Topic `topic` with its first `limit` articles, most central first.
    public func response(for topic: Topic, limit: Int = .max) -> TopicResponse {
        TopicResponse(
            topic: summary(of: topic),
            articles: articles(inTopic: topic.id).prefix(limit).map {
                TopicResponse.Member(centrality: $0.centrality, article: article($0.index))
            })
    }
}
