/// What a reindex did, for monitoring (`--report FILE` writes it as JSON). Written on failure too, with
/// `status` "failed", the step and the error, and whatever was measured before.
public struct ReindexReport: Sendable, Codable {
    /// How a run ended.
    public enum Status: String, Sendable, Codable {
        /// The new index is installed.
        case succeeded
        /// The run stopped; the served index is the previous one.
        case failed
    }

    /// Counts of the input.
    public struct Input: Sendable, Codable, Equatable {
        /// Lines (or rows) read from the source.
        public var linesRead = 0
        /// Articles accepted.
        public var articles = 0
        /// Lines (or rows) skipped, by reason (`malformed`, `missing-id`, `invalid-utf8`, ...).
        public var skippedByReason: [String: Int] = [:]
        /// Articles the previous index lacked.
        public var added: Int?
        /// Articles of the previous index the source no longer has.
        public var removed: Int?
    }

    /// How the run ended.
    public var status = Status.failed
    /// The step that failed.
    public var failedStep: ReindexStep?
    /// The error message.
    public var error: String?
    /// The index path.
    public var index: String
    /// The source as given.
    public var source: String
    /// How the new index was built.
    public var mode = BuildReport.Mode.full
    /// Things worth knowing: a fallback to a full rebuild, stale temporary files removed, ...
    public var notes: [String] = []
    /// ISO 8601 times.
    public var startedAt: String
    public var finishedAt: String?
    public var input = Input()
    /// Every skipped line or row and every warning, with location and reason.
    public var issues: [FeedIssue] = []
    /// Articles and terms of the new index, and how its lists were computed.
    public var articles: Int?
    public var terms: Int?
    public var method: String?
    /// The generation of the new index, and of the one it replaced (nil for a first index).
    public var generation: UInt64?
    public var previousGeneration: UInt64?
    /// Seconds per phase, in order.
    public var phases: [BuildReport.Phase] = []
    /// Size of the new index file.
    public var indexBytes: Int?
    /// Previous generations kept beside the index, newest first.
    public var keptGenerations: [String] = []
    /// How much the related lists changed against the previous generation (nil for a first index).
    public var churn: RelatedChurn?
    /// How the topic clusters changed (born, died, merged, split) against the previous generation.
    public var topics: TopicChanges?

    public init(index: String, source: String, startedAt: String) {
        self.index = index
        self.source = source
        self.startedAt = startedAt
    }

    /// Total seconds of all phases.
    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
}
