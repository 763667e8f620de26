/// The exact score of one pair of articles (the formula of `ExactScorer`:
/// `(1 - β) (w cos_title + (1 - w) cos_body) + β cos_latent`) and its decomposition into per-term contributions
/// plus the latent part. Unlike `ExactScorer` it needs no postings lists, so it is cheap to set up for
/// query-time work on a handful of pairs (diversity re-ranking, explanations).
public struct PairScorer: Sendable {
    public let vectors: FieldVectors
    public let titleWeight: Float
    public let semantic: SemanticSpace?
    public let semanticWeight: Float

    public init(vectors: FieldVectors, titleWeight: Float, semantic: SemanticSpace? = nil, semanticWeight: Float = 0) {
        self.vectors = vectors
        self.titleWeight = titleWeight
        self.semantic = semantic
        self.semanticWeight = semantic == nil ? 0 : semanticWeight
    }

    /// The score of articles `a` and `b`.
    /// - Complexity: O(entries of both articles + latent dimensions).
    public func score(_ a: Int, _ b: Int) -> Float {
        let lexical =
            titleWeight * vectors.title.dot(row: a, with: vectors.title, row: b) + (1 - titleWeight)
            * vectors.body.dot(row: a, with: vectors.body, row: b)
        return (1 - semanticWeight) * lexical + latentContribution(a, b)
    }

    /// What the latent (topic) similarity adds to `score(a, b)`: `β cos_latent`.
    public func latentContribution(_ a: Int, _ b: Int) -> Float {
        guard let semantic else { return 0 }
        return semanticWeight * semantic.cosine(a, b)
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
        merge(vectors.title, (1 - semanticWeight) * titleWeight)
        merge(vectors.body, (1 - semanticWeight) * (1 - titleWeight))
        return byTerm.map { (term: $0.key, contribution: $0.value) }
            .sorted { $0.contribution > $1.contribution || ($0.contribution == $1.contribution && $0.term < $1.term) }
    }
}
