/// Everything an index file holds, in memory: what the build pipeline produces, what `IndexWriter` stores and
/// what `RecommendIndex.contents()` reads back (`contents()` of a written value equals the value).
public struct IndexContents: Sendable, Equatable {
    public var metadata: IndexMetadata
    /// The articles, in index order, as stored (`Article.stored`: no body, no labels, no empty strings).
    public var articles: [Article]
    public var model: TFIDFModel
    public var vectors: FieldVectors
    /// The latent space blended into scores (nil when the configuration blends none).
    public var semantic: SemanticSpace?
    /// The embedding space blended into scores (nil for an index without an embedding channel).
    public var embedding: EmbeddingSpace?
    public var related: RelatedLists
    /// Near-duplicate groups; nil exactly when the configuration groups none (the file then has no `DUPG`
    /// section).
    public var duplicates: NearDuplicateGroups?
    /// Topic clusters; nil only in a file of format version 1 written before topics existed.
    public var topics: TopicClusters?

    public init(
        metadata: IndexMetadata, articles: [Article], model: TFIDFModel, vectors: FieldVectors,
        semantic: SemanticSpace?, embedding: EmbeddingSpace? = nil, related: RelatedLists, duplicates: NearDuplicateGroups?, topics: TopicClusters?
    ) {
        self.metadata = metadata
        self.articles = articles.map(\.stored)
        self.model = model
        self.vectors = vectors
        self.semantic = semantic
        self.embedding = embedding
        self.related = related
        self.duplicates = duplicates
        self.topics = topics
    }
}

extension Article {
    /// The article as an index stores it: id, headline, date, category and URL (empty strings as absent); the
    /// body and labels are not stored.
    public var stored: Article {
        Article(
            id: id, title: title, body: "", published: published, category: category?.isEmpty == true ? nil : category,
            url: url?.isEmpty == true ? nil : url)
    }
}
