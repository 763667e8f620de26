/// How `--topics auto` chooses the number of topics: the largest relative eigengap of the article vectors.
///
/// With `n` unit article vectors `Z` (rows) that fall into `k` well-separated groups, `Zᵀ Z / n` has `k` large
/// eigenvalues (the group directions; the first is their common mean) and then the spread inside groups. The rule
/// picks the `k` in the range with the largest ratio `λk / λk+1`: where the spectrum drops most, relative to its
/// level. It costs one `d x d` Gram matrix and its eigen-decomposition.
public enum TopicCountRule {
    /// The eigenvalues of `Zᵀ Z / n`, largest first.
    /// - Complexity: O(n × d²) in `sgemm` + O(d³).
    static func spectrum(_ points: DenseMatrix) throws(LinearAlgebraError) -> [Double] {
        let d = points.columns
        guard points.rows > 0, d > 0 else { return [] }
        var gram = [Float](repeating: 0, count: d * d)
        points.storage.withUnsafeBufferPointer { p in
            gram.withUnsafeMutableBufferPointer { g in BLAS.gram(p.baseAddress!, into: g.baseAddress!, m: points.rows, n: d) }
        }
        let values = try BLAS.symmetricEigen(&gram, n: d)
        return values.reversed().map { max(0, Double($0)) / Double(points.rows) }
    }

    /// The chosen count and the ratio `λk / λk+1` of every candidate `k` of `range` (clamped to what the
    /// spectrum allows); `nil` when no candidate fits (fewer than three dimensions or articles).
    static func choose(spectrum: [Double], range: ClosedRange<Int>) -> (count: Int, scores: [Double])? {
        let upper = min(range.upperBound, spectrum.count - 1)
        guard range.lowerBound <= upper else { return nil }
        let candidates = range.lowerBound...upper
        let scores = candidates.map { k in
            // A spectrum that ends (identical or perfectly separated articles) is the clearest gap of all.
            spectrum[k - 1] <= 1e-9 ? 1 : min(1e6, spectrum[k - 1] / max(spectrum[k], 1e-12))
        }
        var best = 0
        for (i, score) in scores.enumerated() where score > scores[best] { best = i }
        return (candidates.lowerBound + best, scores)
    }
}
