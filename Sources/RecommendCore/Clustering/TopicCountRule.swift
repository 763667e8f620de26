internal import Foundation

/// How `--topics auto` chooses the number of topics: the largest eigengap of the centred article vectors beyond
/// the spectrum's power-law trend.
///
/// With `n` unit article vectors `Z` (rows, centred on their mean by `TopicSpace`) that fall into `k`
/// well-separated groups, `Zᵀ Z / n` has `k − 1` large eigenvalues (the directions between the group means, which
/// span `k − 1` dimensions once the common mean is gone) and then the spread inside groups. The rule picks the `k`
/// in the range where the spectrum drops most after `λk−1`, measured on a log scale against the power law that
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
    /// `nil` when no candidate fits (a range starting below 2, or a spectrum shorter than its lower bound).
    ///
    /// The score of `k` is the drop of the log-spectrum from `λk−1` to `λk` beyond its power-law trend:
    /// `ln(λk−1 / λk) − α ln(k / (k − 1))`, with `−α` the least-squares slope of `ln λj` against `ln j` over the
    /// range. Text spectra decay like a power of `j`, so the plain ratio `λk−1 / λk` is largest at small `k` for
    /// any corpus; the trend term removes that bias, and what is left is the largest unexpected gap.
    static func choose(spectrum: [Double], range: ClosedRange<Int>) -> (count: Int, scores: [Double])? {
        let upper = min(range.upperBound, spectrum.count)
        guard range.lowerBound >= 2, range.lowerBound <= upper else { return nil }
        let floor = max(spectrum[0], 1e-30) * 1e-9
        // ln λj for j = lowerBound − 1 ... upper (spectrum is 0-based: λj = spectrum[j - 1]).
        let js = Array((range.lowerBound - 1)...upper)
        let logs = js.map { log(max(spectrum[$0 - 1], floor)) }
        let x = js.map { log(Double($0)) }
        let meanX = x.reduce(0, +) / Double(x.count)
        let meanY = logs.reduce(0, +) / Double(logs.count)
        var sxy = 0.0
        var sxx = 0.0
        for (xi, yi) in zip(x, logs) {
            sxy += (xi - meanX) * (yi - meanY)
            sxx += (xi - meanX) * (xi - meanX)
        }
        let alpha = sxx > 0 ? -sxy / sxx : 0
        let scores = (0..<(js.count - 1)).map { i in (logs[i] - logs[i + 1]) - alpha * (x[i + 1] - x[i]) }
        var best = 0
        for (i, score) in scores.enumerated() where score > scores[best] + 1e-12 { best = i }
        return (range.lowerBound + best, scores)
    }
}
