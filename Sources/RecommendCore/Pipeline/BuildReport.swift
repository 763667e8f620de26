/// What a build did: the feed report, the size of the result and the time per phase.
public struct BuildReport: Sendable, Codable {
    /// Seconds per phase, in order.
    public struct Phase: Sendable, Codable {
        public var name: String
        public var seconds: Double
    }

    public var feed: FeedReport
    public var articles: Int
    public var terms: Int
    public var method: String
    public var phases: [Phase] = []
    /// The topics made and, for a rebuild, what changed.
    public var topics: TopicReport?

    /// Total seconds of all phases.
    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
}
