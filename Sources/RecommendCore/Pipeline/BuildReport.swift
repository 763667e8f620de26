/// What a build did: the feed report, the size of the result and the time per phase.
public struct BuildReport: Sendable, Codable {
    /// Time per phase, in order.
    public struct Phase: Sendable, Codable {
        public var name: String
        /// Wall-clock seconds.
        public var seconds: Double
        /// CPU seconds of the process during the phase (all threads).
        public var cpuSeconds: Double

        /// Cores kept busy on average: CPU seconds per wall second.
        public var coresBusy: Double { seconds > 0 ? cpuSeconds / seconds : 0 }
    }

    /// How the representation was made.
    public enum Mode: String, Sendable, Codable {
        /// Vectors, latent space and lists computed afresh.
        case full
        /// The previous index's extended with the new articles (`IndexBuilder.update`).
        case incremental
    }

    public var mode = Mode.full
    /// Why an update asked for was built in full instead (nil when it was not, or was not asked for).
    public var fallback: String?
    /// For an update: articles the previous index lacked, and articles of it the source no longer has.
    public var added: Int?
    public var removed: Int?
    public var feed: FeedReport
    public var articles: Int
    public var terms: Int
    public var method: String
    /// Where the similarity phase spent its time, and the sampled recall of its candidate search.
    public var similarity: SimilarityResult.Statistics
    public var phases: [Phase] = []
    /// The topics made and, for a rebuild, what changed.
    public var topics: TopicReport?
    /// The embedding model the channel used; nil when the index has no embedding channel.
    public var embedding: EmbeddingModelIdentity?
    /// What the build changed from its configuration because the corpus is too small or too uniform for it
    /// (document-frequency limits relaxed, a topic count clamped, the embedding channel left out for want of its
    /// model), one sentence each; empty when nothing.
    public var adjustments: [String] = []

    /// Total seconds of all phases.
    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
}
