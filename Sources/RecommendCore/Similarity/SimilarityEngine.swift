/// All-pairs top-k: every article's most related articles by the exact field-weighted TF-IDF score.
///
/// Up to `exactBelow` articles every pair sharing a term is scored exactly (postings accumulation). Above,
/// a dense LSA representation finds each article's `candidates` nearest articles with blocked `sgemm`, and
/// only those are re-ranked by the exact score. The article is never in its own list; ties go to the
/// article that came first in the input.
public struct SimilarityEngine: Sendable {
    public let options: SimilarityOptions
    public let titleWeight: Float

    public init(options: SimilarityOptions, titleWeight: Float) {
        self.options = options
        self.titleWeight = titleWeight
    }

    /// The related lists of every article of `vectors`, `options.neighbours` wide, and the method used
    /// (`exact` or `dense-candidates`). `dense` holds the unit dense vectors of the same articles (see
    /// `LatentSemanticModel`); it is used only above `exactBelow` articles.
    /// - Complexity: exact mode O(Σ over terms of df²); otherwise O(n² d) in `sgemm` plus O(n × candidates ×
    ///   entries per article) for the re-rank.
    public func relatedLists(_ vectors: FieldVectors, dense: DenseMatrix) -> (lists: RelatedLists, method: String) {
        let scorer = ExactScorer(vectors: vectors, titleWeight: titleWeight)
        if vectors.count < options.exactBelow || dense.columns == 0 {
            return (exactLists(scorer), "exact")
        }
        return (rerankedLists(scorer, dense: dense), "dense-candidates")
    }

    /// Every article against every other through the postings lists.
    func exactLists(_ scorer: ExactScorer) -> RelatedLists {
        let n = scorer.vectors.count
        let width = options.neighbours
        let rows = ParallelMap.chunked(count: n, chunkSize: max(64, n / (ParallelMap.workers * 8))) { range in
            var workspace = ExactScorer.Workspace(for: scorer)
            var top = TopK(capacity: width)
            return range.map { i in
                top.removeAll()
                scorer.scoreAll(scorer.vectors, row: i, excluding: i, workspace: &workspace, into: &top)
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
