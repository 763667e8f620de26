/// Everything an index file holds, in memory: what the builder produces and the writer stores.
public struct IndexContents: Sendable {
    public var metadata: IndexMetadata
    /// The articles, in index order (bodies are not stored).
    public var articles: [Article]
    public var model: TFIDFModel
    public var vectors: FieldVectors
    /// The latent space blended into scores (nil when the configuration blends none).
    public var semantic: SemanticSpace?
    public var related: RelatedLists
    /// Near-duplicate groups; nil when grouping is off (the file then has no `DUPG` section).
    public var duplicates: NearDuplicateGroups?
    /// Topic clusters (absent in indexes built before topics existed).
    public var topics: TopicClusters?

    public init(
        metadata: IndexMetadata, articles: [Article], model: TFIDFModel, vectors: FieldVectors,
        semantic: SemanticSpace?, related: RelatedLists, duplicates: NearDuplicateGroups? = nil,
        topics: TopicClusters? = nil
    ) {
        self.topics = topics
        self.metadata = metadata
        self.articles = articles
        self.model = model
        self.vectors = vectors
        self.semantic = semantic
        self.related = related
        self.duplicates = duplicates
    }
}
