/// What an index says about itself: how it was built and what it holds.
public struct IndexMetadata: Sendable, Codable, Equatable {
    /// The file format version.
    public var formatVersion: UInt32
    /// A number the nightly job raises with each rebuild (1 for a first index).
    public var generation: UInt64
    /// The settings the index was built with; queries use them too.
    public var configuration: RecommendConfiguration
    /// Articles in the index.
    public var articleCount: Int
    /// Terms in the vocabulary.
    public var termCount: Int
    /// Related articles stored per article.
    public var neighbours: Int
    /// `exact` or `dense-candidates`.
    public var method: String
    /// Dimensions of the stored latent space (0 when none is blended into scores).
    public var semanticDimensions: Int
    /// The model of the stored embedding space; nil when the index has no embedding channel.
    public var embedding: EmbeddingModelIdentity?
    /// The principal axes the stored embedding vectors are projected on; nil when they keep the model's
    /// dimensions.
    public var embeddingAxes: Int?

    init(
        formatVersion: UInt32 = IndexFormat.version, generation: UInt64, configuration: RecommendConfiguration,
        articleCount: Int, termCount: Int, neighbours: Int, method: String, semanticDimensions: Int,
        embedding: EmbeddingModelIdentity? = nil, embeddingAxes: Int? = nil
    ) {
        self.formatVersion = formatVersion
        self.generation = generation
        self.configuration = configuration
        self.articleCount = articleCount
        self.termCount = termCount
        self.neighbours = neighbours
        self.method = method
        self.semanticDimensions = semanticDimensions
        self.embedding = embedding
        self.embeddingAxes = embeddingAxes
    }
}
