internal import Foundation

/// How `--topics auto` chooses the number of topics: the largest eigengap of the article vectors beyond the
/// spectrum's power-law trend.
///
/// With `n` unit article vectors `Z` (rows) that fall into `k` well-separated groups, `Zᵀ Z / n` has `k` large
/// eigenvalues (the group directions; the first is their common mean) and then the spread inside groups. The rule
/// picks the `k` in the range where the spectrum drops most, measured on a log scale against the power law that
/// text spectra follow (see `choose`). It costs one `d x d` Gram matrix and its eigen-decomposition.
public enum TopicCountRule {
    /// The eigenvalues of `Zᵀ Z / n`, largest first.
    /// - Complexity: O(n × d²) in `sgemm` + O(d³).
    static func spectrum(_ points: DenseMatrix) throws(LinearAlgebraError) -> [Double] {
        let d = points.columns
        guard points.rows > 0, d > 0 else { return [] }
        var gram = [Float](repeating: 0, count: d * d)
        points.storage.withUnsafeBufferPointer { p in
            gram.withUnsafeMutableBufferPointer { g in
                BLAS.gram(p.baseAddress!, into: g.baseAddress!, m: points.rows, n: d)
            }
        }
        let values = try BLAS.symmetricEigen(&gram, n: d)
        return values.reversed().map { max(0, Double($0)) / Double(points.rows) }
    }

    /// The chosen count and the score of every candidate `k` of `range` (clamped to what the spectrum allows);
    /// `nil` when no candidate fits (fewer than three dimensions or articles).
    ///
    /// The score is the drop of the log-spectrum from `λk` to `λk+1` beyond its power-law trend:
    /// `ln(λk / λk+1) − α ln((k + 1) / k)`, with `−α` the least-squares slope of `ln λ` against `ln k` over the
    /// range. Text spectra decay like a power of `k`, so the plain ratio `λk / λk+1` is largest at small `k` for
    /// any corpus; the trend term removes that bias, and what is left is the largest unexpected gap.
    static func choose(spectrum: [Double], range: ClosedRange<Int>) -> (count: Int, scores: [Double])? {
        let upper = min(range.upperBound, spectrum.count - 1)
        guard range.lowerBound >= 1, range.lowerBound <= upper else { return nil }
        let floor = max(spectrum[0], 1e-30) * 1e-9
        // ln λk for k = lowerBound ... upper + 1 (spectrum is 0-based: λk = spectrum[k - 1]).
        let ks = Array(range.lowerBound...(upper + 1))
        let logs = ks.map { log(max(spectrum[$0 - 1], floor)) }
        let x = ks.map { log(Double($0)) }
        let meanX = x.reduce(0, +) / Double(x.count)
        let meanY = logs.reduce(0, +) / Double(logs.count)
        var sxy = 0.0
        var sxx = 0.0
        for (xi, yi) in zip(x, logs) {
            sxy += (xi - meanX) * (yi - meanY)
            sxx += (xi - meanX) * (xi - meanX)
        }
        let alpha = sxx > 0 ? -sxy / sxx : 0
        let scores = (0..<(ks.count - 1)).map { i in (logs[i] - logs[i + 1]) - alpha * (x[i + 1] - x[i]) }
        var best = 0
        for (i, score) in scores.enumerated() where score > scores[best] + 1e-12 { best = i }
        return (range.lowerBound + best, scores)
    }
}
