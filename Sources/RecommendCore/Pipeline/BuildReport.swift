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
    /// With candidate search: the share of the exact top-10 found, over a sample of 200 articles.
    public var sampledRecall: Double?
    public var phases: [Phase] = []

    /// Total seconds of all phases.
    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
}
