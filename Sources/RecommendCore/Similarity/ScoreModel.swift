/// The pair score of the whole index, defined once:
///
///     score = (1 - β) (w cos(title_a, title_b) + (1 - w) cos(body_a, body_b)) + β cos(latent_a, latent_b)
///
/// `w` is the title weight and `β` the latent weight, 0 when no latent space is blended in. Both scorers
/// (`ExactScorer` for one article against many, `PairScorer` for single pairs) weigh the parts with these
/// factors; the LSA, the term projections and the topic sums weigh the fields with `fieldScales`, whose inner
/// products are the lexical part `w cos_title + (1 - w) cos_body`.
public struct ScoreModel: Sendable, Equatable {
    /// `w`: the share of the headline cosine in the lexical part.
    public let titleWeight: Float
    /// `β`: the share of the latent cosine (0 without a latent space).
    public let latentWeight: Float

    public init(titleWeight: Float, latentWeight: Float = 0) {
        self.titleWeight = titleWeight
        self.latentWeight = latentWeight
    }

    /// The model `weighting` asks for over `semantic`: the latent blend is on only when there is a latent space
    /// with dimensions and its weight is positive.
    public init(_ weighting: WeightingOptions, semantic: SemanticSpace?) {
        let blended = (semantic?.dimensions ?? 0) > 0 && weighting.semanticWeight > 0
        self.init(titleWeight: weighting.titleWeight, latentWeight: blended ? weighting.semanticWeight : 0)
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

    /// The score of a pair with these cosines.
    @inline(__always)
    public func score(titleCosine: Float, bodyCosine: Float, latentCosine: Float) -> Float {
        titleFactor * titleCosine + bodyFactor * bodyCosine + latentWeight * latentCosine
    }

    /// The weights of the two fields in the lexical part alone, `(w, 1 - w)`: what a lexical-only sum (rare-term
    /// candidates, term projections) weighs each field's inner products with.
    public var fieldWeights: (title: Float, body: Float) { (titleWeight, 1 - titleWeight) }

    /// The scales `(sqrt(w), sqrt(1 - w))` of the field-weighted vector `[sqrt(w) t | sqrt(1 - w) b]`, whose inner
    /// products are the lexical part of the score: the space the LSA factors and topic centroids sum in.
    public var fieldScales: (title: Float, body: Float) { (titleWeight.squareRoot(), (1 - titleWeight).squareRoot()) }
}
