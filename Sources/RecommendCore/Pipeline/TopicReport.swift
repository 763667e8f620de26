/// What a build did about topics.
public struct TopicReport: Sendable, Codable {
    /// How the number of topics was chosen.
    public var count: TopicCount
    /// Topics made.
    public var topics: Int
    /// Articles without a topic (no usable terms).
    public var unassigned: Int
    /// Changes against the previous index, when there was one.
    public var changes: TopicChanges?
    /// Why no previous index was used, when one was looked for but could not be read.
    public var previousIgnored: String?

    public init(count: TopicCount, topics: Int, unassigned: Int, changes: TopicChanges?, previousIgnored: String? = nil)
    {
        self.count = count
        self.topics = topics
        self.unassigned = unassigned
        self.changes = changes
        self.previousIgnored = previousIgnored
    }
}
