/// The score of single pairs of articles (`ScoreModel`) and its decomposition into per-term contributions plus
/// the latent part. Unlike `ExactScorer` it needs no postings lists, so it is cheap to set up for query-time work
/// on a handful of pairs (diversity re-ranking, explanations) and for near-duplicate checks.
public struct PairScorer: Sendable {
    public let vectors: FieldVectors
    public let model: ScoreModel
    /// The latent space blended in (nil when `model` blends none).
    public let semantic: SemanticSpace?

    /// A scorer of `vectors` with the model `weighting` asks for over `semantic`.
    public init(vectors: FieldVectors, weighting: WeightingOptions, semantic: SemanticSpace?) {
        self.init(vectors: vectors, model: ScoreModel(weighting, semantic: semantic), semantic: semantic)
    }

    /// A scorer of `vectors` with `model`; `semantic` is needed (and kept) only when the model blends it.
    public init(vectors: FieldVectors, model: ScoreModel, semantic: SemanticSpace? = nil) {
        precondition(!model.blendsLatent || semantic != nil, "a latent blend needs a latent space")
        self.vectors = vectors
        self.model = model
        self.semantic = model.blendsLatent ? semantic : nil
    }

    /// The score of articles `a` and `b`.
    /// - Complexity: O(entries of both articles + latent dimensions).
    public func score(_ a: Int, _ b: Int) -> Float {
        model.titleFactor * vectors.title.dot(row: a, with: vectors.title, row: b) + model.bodyFactor
            * bodyCosine(a, b) + latentContribution(a, b)
    }

    /// What the latent (topic) similarity adds to `score(a, b)`: `β cos_latent`.
    public func latentContribution(_ a: Int, _ b: Int) -> Float {
        guard let semantic else { return 0 }
        return model.latentWeight * semantic.cosine(a, b)
    }

    /// The cosine of the bodies of `a` and `b`, the measure of near-duplicate text.
    /// - Complexity: O(entries of both bodies).
    public func bodyCosine(_ a: Int, _ b: Int) -> Float {
        vectors.body.dot(row: a, with: vectors.body, row: b)
    }

    /// What each shared term adds to `score(a, b)`: `(1 - β) (w t_a[t] t_b[t] + (1 - w) b_a[t] b_b[t])`, by term
    /// id, largest first (ties by term id). With `latentContribution` they sum to the score.
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
