/// Where a build's embedding vectors come from.
enum EmbeddingSource {
    /// The feed's own vectors (`Article.embedding`), of this length.
    case feed(Int)
    /// The installed model, embedding each article's headline and lead.
    case model(ArticleEmbedder)

    /// The model (or the feed) the vectors come from.
    var identity: EmbeddingModelIdentity {
        switch self {
        case .feed(let dimensions): .feed(dimensions: dimensions)
        case .model(let embedder): embedder.identity
        }
    }

    /// The unit embeddings of `articles`, one row each (zeros for an article without one).
    func embeddings(of articles: [Article]) -> DenseMatrix {
        switch self {
        case .feed(let dimensions): ArticleEmbedder.feedVectors(of: articles, dimensions: dimensions)
        case .model(let embedder): embedder.embed(articles)
        }
    }

    /// The embedding space of `articles`, projected on `axes` principal axes.
    func space(of articles: [Article], axes: Int) -> EmbeddingSpace {
        EmbeddingSpace(model: identity, embeddings: embeddings(of: articles), axes: axes)
    }

    /// The source of the vectors of articles added to `space`: the feed when its vectors came from the feed,
    /// else `embedder`, which must be the space's model.
    static func of(_ space: EmbeddingSpace, embedder: ArticleEmbedder?) -> EmbeddingSource? {
        if space.model.isFeed { return .feed(space.model.dimensions) }
        guard let embedder, embedder.identity == space.model else { return nil }
        return .model(embedder)
    }
}
