/// The pair score of the whole index, defined once:
///
///     score = (1 - β) (w cos(title_a, title_b) + (1 - w) cos(body_a, body_b)) + β cos(latent_a, latent_b)
///             + η s_a s_b cos(embedding_a, embedding_b),      s = sqrt(μ / (μ + terms))
///
/// `w` is the title weight, `β` the latent weight (0 when no latent space is blended in) and `η` the embedding
/// weight (0 without an embedding channel), which each article scales by `s`: the fewer terms it has, the
/// more the model's sense of its words counts against its own words (`WeightingOptions.embeddingEvidence`).
/// The latent and embedding parts are one inner product of `DenseChannels` rows. Both scorers
/// (`ExactScorer` for one article against many, `PairScorer` for single pairs) weigh the parts with these
/// factors; the LSA, the term projections and the topic sums weigh the fields with `fieldScales`, whose inner
/// products are the lexical part `w cos_title + (1 - w) cos_body`.
public struct ScoreModel: Sendable, Equatable {
    /// `w`: the share of the headline cosine in the lexical part.
    public let titleWeight: Float
    /// `β`: the share of the latent cosine (0 without a latent space).
    public let latentWeight: Float
    /// `η`: the share of the embedding cosine for articles without terms (0 without an embedding channel).
    public let embeddingWeight: Float
    /// `μ`: the terms of lexical evidence the embedding channel is worth.
    public let embeddingEvidence: Float

    public init(titleWeight: Float, latentWeight: Float = 0, embeddingWeight: Float = 0, embeddingEvidence: Float = 0) {
        self.titleWeight = titleWeight
        self.latentWeight = latentWeight
        self.embeddingWeight = embeddingWeight
        self.embeddingEvidence = embeddingEvidence
    }

    /// The model `weighting` asks for over `semantic` and `embedding`: a blend is on only when its space exists
    /// with dimensions and its weight is positive.
    public init(_ weighting: WeightingOptions, semantic: SemanticSpace?, embedding: EmbeddingSpace? = nil) {
        let latent = (semantic?.dimensions ?? 0) > 0 && weighting.semanticWeight > 0
        let embedded = (embedding?.dimensions ?? 0) > 0 && weighting.embeddingWeight > 0 && weighting.embeddingEvidence > 0
        self.init(
            titleWeight: weighting.titleWeight, latentWeight: latent ? weighting.semanticWeight : 0,
            embeddingWeight: embedded ? weighting.embeddingWeight : 0,
            embeddingEvidence: embedded ? weighting.embeddingEvidence : 0)
    }

    /// The lexical model of `weighting`, without a latent blend (near-duplicates, the LSA, topics).
    public init(lexical weighting: WeightingOptions) {
        self.init(titleWeight: weighting.titleWeight)
    }

    /// The weight of the headline cosine in the score: `(1 - β) w`.
    public var titleFactor: Float { (1 - latentWeight) * titleWeight }
    /// The weight of the body cosine in the score: `(1 - β) (1 - w)`.
    public var bodyFactor: Float { (1 - latentWeight) * (1 - titleWeight) }
    /// Whether the latent cosine is part of the score.
    public var blendsLatent: Bool { latentWeight > 0 }
    /// Whether the embedding cosine is part of the score.
    public var blendsEmbedding: Bool { embeddingWeight > 0 }

    /// The factor `sqrt(η) s` of an article (or text) with `terms` TF-IDF entries, `s = sqrt(μ / (μ + terms))`:
    /// its embedding row's scale in `DenseChannels`, whose inner products are then `η s_a s_b cos`.
    @inline(__always)
    public func embeddingScale(terms: Int) -> Float {
        guard blendsEmbedding else { return 0 }
        return (embeddingWeight * embeddingEvidence / (embeddingEvidence + Float(terms))).squareRoot()
    }

    /// The weights of the two fields in the lexical part alone, `(w, 1 - w)`: what a lexical-only sum (rare-term
    /// candidates, term projections) weighs each field's inner products with.
    public var fieldWeights: (title: Float, body: Float) { (titleWeight, 1 - titleWeight) }

    /// The scales `(sqrt(w), sqrt(1 - w))` of the field-weighted vector `[sqrt(w) t | sqrt(1 - w) b]`, whose inner
    /// products are the lexical part of the score: the space the LSA factors and topic centroids sum in.
    public var fieldScales: (title: Float, body: Float) { (titleWeight.squareRoot(), (1 - titleWeight).squareRoot()) }
}
