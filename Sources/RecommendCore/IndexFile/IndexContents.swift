/// Everything an index file holds, in memory: what the builder produces and the writer stores.
public struct IndexContents: Sendable {
    public var metadata: IndexMetadata
    /// The articles, in index order (bodies are not stored).
    public var articles: [Article]
    public var model: TFIDFModel
    public var vectors: FieldVectors
    public var related: RelatedLists
    /// Topic clusters (absent in indexes built before topics existed).
    public var topics: TopicClusters?

    public init(
        metadata: IndexMetadata, articles: [Article], model: TFIDFModel, vectors: FieldVectors, related: RelatedLists,
        topics: TopicClusters? = nil
    ) {
        self.topics = topics
        self.metadata = metadata
        self.articles = articles
        self.model = model
        self.vectors = vectors
        self.related = related
    }
}
