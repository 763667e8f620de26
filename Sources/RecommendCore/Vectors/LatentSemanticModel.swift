/// A truncated SVD (latent semantic analysis) of the field-weighted TF-IDF matrix, computed with a
/// randomized range finder: the dense representation the similarity engine uses to find candidates.
///
/// The matrix factorised is `X = [sqrt(w) T | sqrt(1 - w) B]` (title and body vectors side by side), so that
/// the inner product of two rows of `X` is exactly the pair score `w cos_title + (1 - w) cos_body`.
public enum LatentSemanticModel {
    /// Unit-length `d`-dimensional vectors of every article (row `i` for article `i`).
    ///
    /// Halko, Martinsson and Tropp's algorithm on `X^T`: `Y = X^T G` for a Gaussian `G`, `powerIterations`
    /// rounds of `Q = orth(X^T orth(X Q))`, then `B = X Q` and the top eigenvectors `W` of `B^T B`, so the
    /// article vectors are `B W = U Σ`.
    /// - Complexity: O((2 + 2q) × entries × (d + 10) + terms × (d + 10)²); memory O((articles + 2 terms) × (d + 10)).
    public static func articleVectors(
        _ vectors: FieldVectors, titleWeight: Float, dimensions: Int, powerIterations: Int, seed: UInt64
    ) throws(LinearAlgebraError) -> DenseMatrix {
        let n = vectors.count
        let terms = vectors.title.columnCount
        let d = min(dimensions, n, 2 * terms)
        let width = min(d + 10, n, 2 * terms)
        guard d > 0 else { return DenseMatrix(zeros: n, max(d, 0)) }
        let ts = titleWeight.squareRoot()
        let bs = (1 - titleWeight).squareRoot()
        let titleT = vectors.title.transposed()
        let bodyT = vectors.body.transposed()

        // X^T M for M (n x width): rows 0..<terms from the titles, terms..<2 terms from the bodies.
        func transposeProduct(_ m: [Float]) -> [Float] {
            var out = [Float](repeating: 0, count: 2 * terms * width)
            m.withUnsafeBufferPointer { mp in
                out.withUnsafeMutableBufferPointer { op in
                    titleT.multiplyAccumulate(dense: mp.baseAddress!, width: width, scale: ts, into: op.baseAddress!)
                    bodyT.multiplyAccumulate(
                        dense: mp.baseAddress!, width: width, scale: bs, into: op.baseAddress! + terms * width)
                }
            }
            return out
        }
        // X Q for Q (2 terms x width).
        func product(_ q: [Float]) -> [Float] {
            var out = [Float](repeating: 0, count: n * width)
            q.withUnsafeBufferPointer { qp in
                out.withUnsafeMutableBufferPointer { op in
                    vectors.title.multiplyAccumulate(
                        dense: qp.baseAddress!, width: width, scale: ts, into: op.baseAddress!)
                    vectors.body.multiplyAccumulate(
                        dense: qp.baseAddress! + terms * width, width: width, scale: bs, into: op.baseAddress!)
                }
            }
            return out
        }

        var random = SeededRandom(seed: seed)
        let gaussian = (0..<(n * width)).map { _ in random.nextGaussian() }
        var q = transposeProduct(gaussian)
        try BLAS.orthonormalizeColumns(&q, rows: 2 * terms, columns: width)
        for _ in 0..<powerIterations {
            var z = product(q)
            try BLAS.orthonormalizeColumns(&z, rows: n, columns: width)
            q = transposeProduct(z)
            try BLAS.orthonormalizeColumns(&q, rows: 2 * terms, columns: width)
        }
        let b = product(q)
        var gram = [Float](repeating: 0, count: width * width)
        b.withUnsafeBufferPointer { bp in
            gram.withUnsafeMutableBufferPointer { gp in
                BLAS.gram(bp.baseAddress!, into: gp.baseAddress!, m: n, n: width)
            }
        }
        _ = try BLAS.symmetricEigen(&gram, n: width)
        // Rows of `gram` are eigenvectors, ascending; take the last d as the columns of W (width x d).
        var w = [Float](repeating: 0, count: width * d)
        for j in 0..<d {
            let row = width - 1 - j
            for i in 0..<width { w[i * d + j] = gram[row * width + i] }
        }
        var e = [Float](repeating: 0, count: n * d)
        b.withUnsafeBufferPointer { bp in
            w.withUnsafeBufferPointer { wp in
                e.withUnsafeMutableBufferPointer { ep in
                    BLAS.multiply(bp.baseAddress!, wp.baseAddress!, into: ep.baseAddress!, m: n, n: d, k: width)
                }
            }
        }
        var result = DenseMatrix(rows: n, columns: d, storage: e)
        result.normalizeRows()
        return result
    }
}
