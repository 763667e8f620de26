/// All-pairs top-k: every article's most related articles by the exact pair score (see `ExactScorer`).
///
/// Up to `exactBelow` articles every pair is scored exactly. Above, the LSA vectors find each article's
/// `candidates` nearest articles with blocked `sgemm`, and only those are re-ranked by the exact score. The article is never in its own list; ties go to the
/// article that came first in the input.
public struct SimilarityEngine: Sendable {
    public let options: SimilarityOptions
    public let weighting: WeightingOptions

    public init(options: SimilarityOptions, weighting: WeightingOptions) {
        self.options = options
        self.weighting = weighting
    }

    /// The related lists of every article, `options.neighbours` wide, the method used (`exact` or
    /// `dense-candidates`) and the latent space blended into the scores (nil when the semantic weight is 0).
    /// `latent` holds the LSA coordinates of the same articles; candidates come from all its dimensions.
    /// - Complexity: exact mode O(Σ over terms of df² + n² × latent dimensions); otherwise O(n² d) in `sgemm`
    ///   plus O(n × candidates × (entries per article + latent dimensions)) for the re-rank.
    public func relatedLists(_ vectors: FieldVectors, latent: LatentVectors) -> (
        lists: RelatedLists, method: String, semantic: SemanticSpace?
    ) {
        let semantic =
            weighting.semanticWeight > 0 && latent.dimensions > 0
            ? latent.semanticSpace(dimensions: weighting.semanticDimensions) : nil
        let scorer = ExactScorer(
            vectors: vectors, titleWeight: weighting.titleWeight, semantic: semantic,
            semanticWeight: weighting.semanticWeight)
        if vectors.count < options.exactBelow || latent.dimensions == 0 {
            return (exactLists(scorer), "exact", semantic)
        }
        let candidates = latent.unitVectors(dimensions: latent.dimensions)
        return (rerankedLists(scorer, dense: candidates), "dense-candidates", semantic)
    }

    /// Every article against every other.
    func exactLists(_ scorer: ExactScorer) -> RelatedLists {
        let n = scorer.vectors.count
        let width = options.neighbours
        let rows = ParallelMap.chunked(count: n, chunkSize: max(64, n / (ParallelMap.workers * 8))) { range in
            var workspace = ExactScorer.Workspace(for: scorer)
            var top = TopK(capacity: width)
            return range.map { i in
                top.removeAll()
                scorer.scoreAll(article: i, workspace: &workspace, into: &top)
                return top.sorted()
            }
        }
        var lists = RelatedLists(count: n, width: width)
        for (i, row) in rows.enumerated() { lists.set(i, row) }
        return lists
    }

    /// Dense candidates per block, re-ranked exactly.
    func rerankedLists(_ scorer: ExactScorer, dense: DenseMatrix) -> RelatedLists {
        let n = scorer.vectors.count
        let width = options.neighbours
        var lists = RelatedLists(count: n, width: width)
        let search = CandidateSearch(vectors: dense, candidates: max(options.candidates, width))
        search.forEachBlock { rows, candidates in
            let chunk = max(32, rows.count / (ParallelMap.workers * 4))
            let ranked = ParallelMap.chunked(count: rows.count, chunkSize: chunk) { local in
                var workspace = ExactScorer.Workspace(for: scorer)
                var top = TopK(capacity: width)
                return local.map { r in
                    top.removeAll()
                    scorer.scoreCandidates(of: rows.lowerBound + r, candidates[r], workspace: &workspace, into: &top)
                    return top.sorted()
                }
            }
            for (r, row) in ranked.enumerated() { lists.set(rows.lowerBound + r, row) }
        }
        return lists
    }
}

extension ContinuousClock.Instant {
    /// Seconds elapsed since this instant.
    var secondsSince: Double {
        let d = ContinuousClock.now - self
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
