/// The exact score of one pair of articles, `w cos(title_a, title_b) + (1 - w) cos(body_a, body_b)`, and its
/// decomposition into per-term contributions. Unlike `ExactScorer` it needs no postings lists, so it is cheap
/// to set up for query-time work on a handful of pairs (diversity re-ranking, explanations).
public struct PairScorer: Sendable {
    public let vectors: FieldVectors
    public let titleWeight: Float

    public init(vectors: FieldVectors, titleWeight: Float) {
        self.vectors = vectors
        self.titleWeight = titleWeight
    }

    /// The score of articles `a` and `b`.
    /// - Complexity: O(entries of both articles).
    public func score(_ a: Int, _ b: Int) -> Float {
        titleWeight * vectors.title.dot(row: a, with: vectors.title, row: b) + (1 - titleWeight)
            * vectors.body.dot(row: a, with: vectors.body, row: b)
    }

    /// The cosine of the bodies of `a` and `b`, the measure of near-duplicate text.
    /// - Complexity: O(entries of both bodies).
    public func bodyCosine(_ a: Int, _ b: Int) -> Float {
        vectors.body.dot(row: a, with: vectors.body, row: b)
    }

    /// What each shared term adds to `score(a, b)`: `w t_a[t] t_b[t] + (1 - w) b_a[t] b_b[t]`, by term id,
    /// largest first (ties by term id). The contributions sum to the score.
    /// - Complexity: O(entries of both articles + shared terms × log shared terms).
    public func contributions(_ a: Int, _ b: Int) -> [(term: Int32, contribution: Float)] {
        var byTerm: [Int32: Float] = [:]
        func merge(_ m: SparseMatrix, _ weight: Float) {
            var i = m.rowStart[a]
            var j = m.rowStart[b]
            while i < m.rowStart[a + 1], j < m.rowStart[b + 1] {
                let ci = m.columns[i]
                let cj = m.columns[j]
                if ci == cj {
                    byTerm[ci, default: 0] += weight * m.values[i] * m.values[j]
                    i += 1
                    j += 1
                } else if ci < cj {
                    i += 1
                } else {
                    j += 1
                }
            }
        }
        merge(vectors.title, titleWeight)
        merge(vectors.body, 1 - titleWeight)
        return byTerm.map { (term: $0.key, contribution: $0.value) }
            .sorted { $0.contribution > $1.contribution || ($0.contribution == $1.contribution && $0.term < $1.term) }
    }
}
