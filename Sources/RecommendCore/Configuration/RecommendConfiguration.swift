/// Every knob of indexing and ranking, with documented defaults. Stored in the index file, so a
/// query is always answered with the settings its index was built with.
public struct RecommendConfiguration: Sendable, Codable, Equatable {
    /// How text becomes terms.
    public var text = TextOptions()
    /// How terms become TF-IDF weights.
    public var weighting = WeightingOptions()
    /// How related lists are computed and how much of each is stored.
    public var similarity = SimilarityOptions()
    /// How near-duplicates are grouped; nil for no grouping.
    public var nearDuplicates: NearDuplicateOptions? = NearDuplicateOptions()
    /// How topic clusters are found, labelled and carried over from the previous index.
    public var topics = TopicOptions()
    /// The embedding channel's model; nil for none. On by default: a build without the model installed leaves
    /// it out and says so (`BuildReport.adjustments`), and the index's stored configuration then has none.
    public var embedding: EmbeddingOptions? = EmbeddingOptions()

    public init() {}

    enum CodingKeys: String, CodingKey { case text, weighting, similarity, nearDuplicates, topics, embedding }

    /// Encodes every knob; `nearDuplicates` is written as `null` when grouping is off, so that a configuration
    /// read back (and a nightly rebuild from it) keeps grouping off.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(weighting, forKey: .weighting)
        try container.encode(similarity, forKey: .similarity)
        try container.encode(nearDuplicates, forKey: .nearDuplicates)
        try container.encode(topics, forKey: .topics)
        try container.encode(embedding, forKey: .embedding)
    }

    /// Decodes a configuration. Format version 1 stored no `nearDuplicates` key: such a configuration decodes
    /// with the default grouping, which the index reader then corrects from the file's sections
    /// (`IndexMetadata.upgradedFromVersion1`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(TextOptions.self, forKey: .text)
        weighting = try container.decode(WeightingOptions.self, forKey: .weighting)
        similarity = try container.decode(SimilarityOptions.self, forKey: .similarity)
        if container.contains(.nearDuplicates) {
            nearDuplicates = try container.decodeIfPresent(NearDuplicateOptions.self, forKey: .nearDuplicates)
        }
        topics = try container.decodeIfPresent(TopicOptions.self, forKey: .topics) ?? TopicOptions()
        // Written before the embedding channel existed: an index without one.
        embedding = try container.decodeIfPresent(EmbeddingOptions.self, forKey: .embedding)
    }
}

/// Tokenising and term normalisation.
public struct TextOptions: Sendable, Codable, Equatable {
    /// Reduce words to their Porter2 (Snowball English) stem, so "election" and "elections" meet. Default on.
    public var stem = true
    /// Drop English stop words ("the", "and", "would", ...). Default on.
    public var removeStopWords = true
    /// Tokens shorter than this many characters are dropped ("$4" has two). Default 2.
    public var minTokenLength = 2

    public init() {}
}

/// TF-IDF weighting and the field combination.
public struct WeightingOptions: Sendable, Codable, Equatable {
    /// Term frequency `1 + ln(tf)` instead of `tf`: the tenth mention of a word adds little. Default on.
    public var sublinearTF = true
    /// `idf = ln((1 + n) / (1 + df)) + 1` (as if one extra document held every term), so no term gets zero
    /// weight; off gives `ln(n / df) + 1`. Default on.
    public var smoothIDF = true
    /// A term must occur in at least this many articles (per field) to count: one-off typos and ids
    /// cannot tie two articles together. Relaxed for a field it would leave with no term at all
    /// (`TFIDFWeighting.limits`). Default 2.
    public var minDocumentFrequency = 2
    /// A term in more than this share of articles (per field) is dropped as uninformative; not applied to a field
    /// it would leave with no term at all (`TFIDFWeighting.limits`). Default 0.5.
    public var maxDocumentFrequency = 0.5
    /// Weight of the headline cosine in a pair's score; the body gets `1 - titleWeight`. Headlines are
    /// short (a median of 5-9 words), so one shared generic headline word must not outweigh the body
    /// evidence; 0.1-0.2 is a plateau across news corpora. Default 0.15.
    public var titleWeight: Float = 0.15
    /// Weight `β` of the latent (LSA) cosine blended into the pair score:
    /// `(1 - β) lexical + β latent`. The latent space lets articles on one topic meet without sharing words;
    /// the lexical part keeps the names and rare terms that tie articles about one story together. Default 0.3.
    public var semanticWeight: Float = 0.3
    /// Dimensions of the latent space blended into the score: the first (strongest) LSA dimensions. Few
    /// dimensions capture topics rather than details. Default 100.
    public var semanticDimensions = 100
    /// Weight `η` of the embedding cosine for a pair of articles with no lexical evidence; the weight of a pair
    /// falls as its articles' terms grow (`embeddingEvidence`). Default 1.
    public var embeddingWeight: Float = 1
    /// `μ`: how many terms of lexical evidence the embedding channel is worth. An article with `n` terms
    /// (headline and body entries of its TF-IDF vectors) weighs the channel by `s = sqrt(μ / (μ + n))`, a pair by
    /// `η s_a s_b`: a short text, whose few words make its lexical cosines noisy, leans on the model's sense of
    /// its words; a long one on its own words. Default 20.
    public var embeddingEvidence: Float = 20

    public init() {}

    enum CodingKeys: String, CodingKey {
        case sublinearTF, smoothIDF, minDocumentFrequency, maxDocumentFrequency, titleWeight, semanticWeight
        case semanticDimensions, embeddingWeight, embeddingEvidence
    }

    /// Decodes the options; the embedding weights, absent from indexes written before the channel existed, take
    /// their defaults (such an index has no embedding channel for them to weigh).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sublinearTF = try container.decode(Bool.self, forKey: .sublinearTF)
        smoothIDF = try container.decode(Bool.self, forKey: .smoothIDF)
        minDocumentFrequency = try container.decode(Int.self, forKey: .minDocumentFrequency)
        maxDocumentFrequency = try container.decode(Double.self, forKey: .maxDocumentFrequency)
        titleWeight = try container.decode(Float.self, forKey: .titleWeight)
        semanticWeight = try container.decode(Float.self, forKey: .semanticWeight)
        semanticDimensions = try container.decode(Int.self, forKey: .semanticDimensions)
        embeddingWeight = try container.decodeIfPresent(Float.self, forKey: .embeddingWeight) ?? embeddingWeight
        embeddingEvidence = try container.decodeIfPresent(Float.self, forKey: .embeddingEvidence) ?? embeddingEvidence
    }
}

/// The embedding channel: which static model embeds the articles, and how much of each.
public struct EmbeddingOptions: Sendable, Codable, Equatable {
    /// The model's folder name in the models folder. Default `wordllama-l2-256` (WordLlama, 256 dimensions).
    public var model = "wordllama-l2-256"
    /// Words of the body embedded after the headline. Default 200.
    public var leadWords = 200
    /// The principal axes of the articles' centred embeddings the vectors are projected on (`EmbeddingSpace`):
    /// the directions along which this corpus's articles differ. With WordLlama, 64 of 256 gave the same P@10
    /// (within 0.0015 on the labelled corpora) at a quarter of the floats. Default 64.
    public var dimensions = 64

    public init() {}

    enum CodingKeys: String, CodingKey { case model, leadWords, dimensions }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        leadWords = try container.decode(Int.self, forKey: .leadWords)
        dimensions = try container.decodeIfPresent(Int.self, forKey: .dimensions) ?? dimensions
    }
}

/// The similarity engine.
public struct SimilarityOptions: Sendable, Codable, Equatable {
    /// Related articles stored per article; `related -k` is answered up to this. Default 50.
    public var neighbours = 50
    /// Below this many articles every pair is scored exactly; above it, candidates come from the dense
    /// representation and are re-ranked exactly. Default 5,000.
    public var exactBelow = 5_000
    /// Dimensions of the dense (LSA) representation used to find candidates (and whose first dimensions the
    /// score blends in and topics cluster on). Candidates are re-ranked exactly, so the dense space only has to
    /// find the neighbourhood: 128 dimensions found as much of the exact top-10 as 256 (20 Newsgroups, sampled
    /// recall 0.998 against 0.992) with the same P@10 on every labelled corpus, at half the cost. Default 128.
    public var denseDimensions = 128
    /// With an embedding channel, the principal axes of the embedding part of the dense rows that candidates are
    /// searched in, beside the LSA dimensions; nil for all of its dimensions (what an index written before the
    /// channel existed reads as: it has none). 32 axes found 0.993 of the exact top-10 on 20 Newsgroups and AG
    /// News, 64 found 0.997-0.999, with the same P@10 (within 0.0004) at 15% more search time. Default 32.
    public var embeddingCandidateDimensions: Int? = 32
    /// Candidates per article taken from the dense scores for the exact re-rank (the lexical candidates come on
    /// top). Default 50.
    public var candidates = 50
    /// Below this many articles candidates come from all pairs of dense vectors (blocked `sgemm`); above it,
    /// from an inverted file of about `2 sqrt(n)` cells, each article probing its `probes` nearest cells, which
    /// skips most pairs. Default 40,000.
    public var exhaustiveBelow = 40_000
    /// Cells of the inverted file each article searches. Default 24.
    public var probes = 24
    /// Besides the dense candidates, each article's best matches on its strongest terms alone (a pruned
    /// More-Like-This query) are re-ranked too: they catch pairs tied by a rare name or a shared paragraph, which
    /// a low-dimensional representation blurs. Terms used per article (as Lucene More-Like-This's 25). Default 25.
    public var lexicalTerms = 25
    /// Lexical candidates per article. Default 50.
    public var lexicalCandidates = 50
    /// Pseudo-relevance feedback: neighbours whose scores are mixed into each article's (0 turns it off).
    public var feedbackNeighbours = 0
    /// Weight `γ` of the neighbours' mean score.
    public var feedbackWeight: Float = 0.5
    /// Entries of each list (the article's and its neighbours') taken as feedback candidates.
    public var feedbackDepth = 30
    /// Power iterations of the randomized range finder for the truncated SVD. Default 2.
    public var powerIterations = 2
    /// Above this many articles the truncated SVD is fitted on a seeded sample of this many and every article is
    /// projected on its term vectors (`LatentSemanticModel`); nil fits on every article (and is what an index
    /// written before sampling existed reads as). 50,000 rows estimate 138 directions closely, and no
    /// labelled corpus here reaches it: at 200,000 articles it takes the dense phase from 11-16 s to
    /// 5 s. Default 50,000.
    public var latentSample: Int? = 50_000
    /// Seed of every random choice, so the same input gives the same index byte for byte. Default 1.
    public var seed: UInt64 = 1

    public init() {}
}

/// Topic clusters: spherical k-means on the dense article vectors.
public struct TopicOptions: Sendable, Codable, Equatable {
    /// Topics wanted; `nil` (the default) lets the data choose (see `TopicCountRule`).
    public var count: Int?
    /// The range `auto` chooses from, capped at one topic per `TopicBuilder.minimumAverageSize` articles.
    /// Default 2...40.
    public var autoRange = 2...40
    /// Leading dense (LSA) dimensions the clustering uses, rows centred on the corpus mean and re-normalised
    /// (`TopicSpace`). Default 100: as good as all 256 on the labelled corpora (NMI within noise) at 2.5 times
    /// less work.
    public var dimensions = 100
    /// Independent k-means runs from different k-means++ seeds; the best objective wins. Default 10.
    public var restarts = 10
    /// Upper bound on the assignment/update rounds of one run. Default 60.
    public var maxIterations = 60
    /// Spherical k-means rounds in the full TF-IDF space after the dense clustering, where every exact word
    /// counts (0 turns them off). Default 5: NMI +0.016 on agnews, +0.027 on 20newsgroups, none on bbc.
    public var termSpaceRounds = 5
    /// Label terms stored per topic. Default 8.
    public var labelTerms = 8
    /// Most central articles stored per topic (their headlines describe it). Default 5.
    public var centralArticles = 5
    /// Terms kept per topic centroid in term space (stored for unseen text and later rebuilds). Default 200.
    public var centroidTerms = 200
    /// A new topic keeps the id of an old one when they share at least this Jaccard overlap of the articles
    /// present in both builds. Default 0.3.
    public var matchOverlap = 0.3

    public init() {}
}
