/// The score of single pairs of articles (`ScoreModel`) and its decomposition into per-term contributions plus
/// the dense (latent and embedding) parts. Unlike `ExactScorer` it needs no postings lists, so it is cheap to set up for query-time work
/// on a handful of pairs (diversity re-ranking, explanations) and for near-duplicate checks.
public struct PairScorer: Sendable {
    public let vectors: FieldVectors
    public let model: ScoreModel
    /// The dense part of the score (nil when `model` blends neither a latent nor an embedding space).
    public let dense: DenseChannels?

    /// A scorer of `vectors` with the model `weighting` asks for over `semantic` and `embedding`.
    public init(
        vectors: FieldVectors, weighting: WeightingOptions, semantic: SemanticSpace?, embedding: EmbeddingSpace? = nil
    ) {
        self.init(
            vectors: vectors, model: ScoreModel(weighting, semantic: semantic, embedding: embedding),
            semantic: semantic, embedding: embedding)
    }

    /// A scorer of `vectors` with `model`; `semantic` and `embedding` are needed (and used) only when the model
    /// blends them.
    public init(
        vectors: FieldVectors, model: ScoreModel, semantic: SemanticSpace? = nil, embedding: EmbeddingSpace? = nil
    ) {
        precondition(!model.blendsLatent || semantic != nil, "a latent blend needs a latent space")
        precondition(!model.blendsEmbedding || embedding != nil, "an embedding blend needs an embedding space")
        self.vectors = vectors
        self.model = model
        dense = DenseChannels(model: model, vectors: vectors, semantic: semantic, embedding: embedding)
    }

    /// The score of articles `a` and `b`.
    /// - Complexity: O(entries of both articles + dense dimensions).
    public func score(_ a: Int, _ b: Int) -> Float {
        model.titleFactor * vectors.title.dot(row: a, with: vectors.title, row: b) + model.bodyFactor
            * bodyCosine(a, b) + denseContribution(a, b)
    }

    /// What the dense channels add to `score(a, b)`: `β cos_latent + η s_a s_b cos_embedding`.
    public func denseContribution(_ a: Int, _ b: Int) -> Float {
        dense?.score(a, b) ?? 0
    }

    /// The two parts of `denseContribution(a, b)`: the latent (topic) one and the embedding (meaning) one.
    public func denseParts(_ a: Int, _ b: Int) -> (latent: Float, embedding: Float) {
        dense?.parts(a, b) ?? (0, 0)
    }

    /// The cosine of the bodies of `a` and `b`, the measure of near-duplicate text.
    /// - Complexity: O(entries of both bodies).
    public func bodyCosine(_ a: Int, _ b: Int) -> Float {
        vectors.body.dot(row: a, with: vectors.body, row: b)
    }

    /// What each shared term adds to `score(a, b)`: `(1 - β) (w t_a[t] t_b[t] + (1 - w) b_a[t] b_b[t])`, by term
    /// id, largest first (ties by term id). With `denseContribution` they sum to the score.
    /// - Complexity: O(entries of both articles + shared terms × log shared terms).
    public func contributions(_ a: Int, _ b: Int) -> [(term: Int32, contribution: Float)] {
        var byTerm: [Int32: Float] = [:]
        func merge(_ m: SparseMatrix, _ weight: Float) {
            m.forEachSharedColumn(row: a, with: m, row: b) { term, x, y in byTerm[term, default: 0] += weight * x * y }
        }
        merge(vectors.title, model.titleFactor)
        merge(vectors.body, model.bodyFactor)
        return byTerm.map { (term: $0.key, contribution: $0.value) }
            .sorted { $0.contribution > $1.contribution || ($0.contribution == $1.contribution && $0.term < $1.term) }
    }
}
