/// A truncated SVD (latent semantic analysis) of the field-weighted TF-IDF matrix, computed with a
/// randomized range finder: the dense representation the similarity engine uses to find candidates.
///
/// The matrix factorised is `X = [sqrt(w) T | sqrt(1 - w) B]` (title and body vectors side by side, scaled by
/// `ScoreModel.fieldScales`), so that the inner product of two rows of `X` is exactly the lexical part of the
/// pair score, `w cos_title + (1 - w) cos_body`.
public enum LatentSemanticModel {
    /// The `d`-dimensional latent coordinates `U Σ` of every article (row `i` for article `i`), dimensions in
    /// decreasing order of singular value.
    ///
    /// Halko, Martinsson and Tropp's randomized range finder: `Q = orth(X X^T G)` for a Gaussian `G`
    /// (articles x (d + 10)), `powerIterations` rounds of `Q = orth(X X^T Q)`, then the eigenvectors `W` of
    /// `B B^T` for `B = Q^T X`, so the article vectors are `Q W Σ = U Σ`. Every QR is of an articles x (d + 10)
    /// matrix; the term side is only ever multiplied.
    ///
    /// With `sample` below the number of articles, the factorisation is fitted on a seeded uniform sample of
    /// that many articles and every article is then projected on its term vectors, `X V`: the sample's
    /// `X_sᵀ X_s` estimates the whole corpus's `Xᵀ X` (scaled by `n / sample`), so its leading directions are
    /// the corpus's, at the cost of `sample` rows instead of `n`. The singular values are scaled by
    /// `sqrt(n / sample)` to stand for the whole corpus.
    /// - Complexity: O((3 + 2q) × entries fitted × (d + 10) + entries × d + (articles + terms) × (d + 10)²);
    ///   memory O((articles + 2 terms) × (d + 10)).
    public static func articleVectors(
        _ vectors: FieldVectors, model: ScoreModel, dimensions: Int, powerIterations: Int, seed: UInt64,
        sample: Int? = nil
    ) throws(LinearAlgebraError) -> LatentVectors {
        let all = vectors.count
        let terms = vectors.title.columnCount
        let full = combinedMatrix(vectors, model: model)
        let fitted = sample.map { $0 < all && $0 >= min(dimensions, 2 * terms) + 10 } ?? false
        let x = fitted ? full.rows(seededSample(sample!, of: all, seed: seed)) : full
        let n = x.rowCount
        let d = min(dimensions, n, 2 * terms)
        let width = min(d + 10, n, 2 * terms)
        guard d > 0 else { return LatentVectors(coordinates: DenseMatrix(zeros: all, 0), singularValues: []) }
        // X^T M for M (n x width), and X Q for Q (2 terms x width); the term side is in X's column order.
        func transposeProduct(_ m: [Float]) -> [Float] {
            var out = [Float](repeating: 0, count: 2 * terms * width)
            m.withUnsafeBufferPointer { mp in
                out.withUnsafeMutableBufferPointer { op in
                    x.transposeMultiplyAccumulate(dense: mp.baseAddress!, width: width, into: op.baseAddress!)
                }
            }
            return out
        }
        func product(_ q: [Float]) -> [Float] {
            var out = [Float](repeating: 0, count: n * width)
            q.withUnsafeBufferPointer { qp in
                out.withUnsafeMutableBufferPointer { op in
                    x.multiplyAccumulate(dense: qp.baseAddress!, width: width, scale: 1, into: op.baseAddress!)
                }
            }
            return out
        }

        // Range of X from a Gaussian start on the article side, so every QR is of an n x width matrix.
        var random = SeededRandom(seed: seed)
        let gaussian = (0..<(n * width)).map { _ in random.nextGaussian() }
        var q = product(transposeProduct(gaussian))
        try BLAS.orthonormalizeColumns(&q, rows: n, columns: width)
        for _ in 0..<powerIterations {
            q = product(transposeProduct(q))
            try BLAS.orthonormalizeColumns(&q, rows: n, columns: width)
        }
        // X ~ Q B with B = Q^T X = Z^T, Z = X^T Q; B B^T = Z^T Z = W Σ² W^T, so U Σ = Q W Σ.
        let z = transposeProduct(q)
        var gram = [Float](repeating: 0, count: width * width)
        z.withUnsafeBufferPointer { zp in
            gram.withUnsafeMutableBufferPointer { gp in
                BLAS.gram(zp.baseAddress!, into: gp.baseAddress!, m: 2 * terms, n: width)
            }
        }
        let eigenvalues = try BLAS.symmetricEigen(&gram, n: width)
        if fitted {
            return projected(full, z: z, eigenvectors: gram, eigenvalues: eigenvalues, d: d, width: width, fittedRows: n)
        }
        // Rows of `gram` are eigenvectors, ascending; the last d, scaled by their singular values, form W Σ.
        var w = [Float](repeating: 0, count: width * d)
        for j in 0..<d {
            let row = width - 1 - j
            let sigma = max(0, eigenvalues[row]).squareRoot()
            for i in 0..<width { w[i * d + j] = gram[row * width + i] * sigma }
        }
        var e = [Float](repeating: 0, count: n * d)
        q.withUnsafeBufferPointer { qp in
            w.withUnsafeBufferPointer { wp in
                e.withUnsafeMutableBufferPointer { ep in
                    BLAS.multiply(qp.baseAddress!, wp.baseAddress!, into: ep.baseAddress!, m: n, n: d, k: width)
                }
            }
        }
        // An article without terms has a zero row in X; its coordinates are rounding noise, which normalising
        // would blow up into a random direction. They are exactly zero.
        for i in 0..<n where vectors.title.range(ofRow: i).isEmpty && vectors.body.range(ofRow: i).isEmpty {
            for k in 0..<d { e[i * d + k] = 0 }
        }
        let singularValues = (0..<d).map { max(0, eigenvalues[width - 1 - $0]).squareRoot() }
        return LatentVectors(coordinates: DenseMatrix(rows: n, columns: d, storage: e), singularValues: singularValues)
    }

    /// Every article of `x` placed by the term vectors of a factorisation fitted on `fittedRows` of them:
    /// `V = Z W Σ⁻¹` (for `Z = X_sᵀ Q`, so that `X_s V = Q W = U`), then coordinates `X V`.
    private static func projected(
        _ x: SparseMatrix, z: [Float], eigenvectors gram: [Float], eigenvalues: [Float], d: Int, width: Int,
        fittedRows: Int
    ) -> LatentVectors {
        let n = x.rowCount
        let columns = x.columnCount
        // W Σ⁻¹: the last d eigenvectors (rows of `gram`, ascending), each over its singular value.
        var w = [Float](repeating: 0, count: width * d)
        for j in 0..<d {
            let row = width - 1 - j
            let sigma = max(0, eigenvalues[row]).squareRoot()
            guard sigma > 0 else { continue }
            for i in 0..<width { w[i * d + j] = gram[row * width + i] / sigma }
        }
        var termVectors = [Float](repeating: 0, count: columns * d)
        z.withUnsafeBufferPointer { zp in
            w.withUnsafeBufferPointer { wp in
                termVectors.withUnsafeMutableBufferPointer { vp in
                    BLAS.multiply(zp.baseAddress!, wp.baseAddress!, into: vp.baseAddress!, m: columns, n: d, k: width)
                }
            }
        }
        var e = [Float](repeating: 0, count: n * d)
        termVectors.withUnsafeBufferPointer { vp in
            e.withUnsafeMutableBufferPointer { ep in
                x.multiplyAccumulate(dense: vp.baseAddress!, width: d, scale: 1, into: ep.baseAddress!)
            }
        }
        let scale = (Float(n) / Float(fittedRows)).squareRoot()
        let singularValues = (0..<d).map { scale * max(0, eigenvalues[width - 1 - $0]).squareRoot() }
        return LatentVectors(coordinates: DenseMatrix(rows: n, columns: d, storage: e), singularValues: singularValues)
    }

    /// `count` distinct row numbers below `n`, ascending, drawn uniformly with `seed` (a partial Fisher-Yates
    /// shuffle).
    static func seededSample(_ count: Int, of n: Int, seed: UInt64) -> [Int] {
        var random = SeededRandom(seed: seed ^ 0x5A4D_504C)
        var rows = Array(0..<n)
        for i in 0..<min(count, n) { rows.swapAt(i, i + Int(random.next() % UInt64(n - i))) }
        return rows.prefix(count).sorted()
    }

    /// `X = [sqrt(w) T | sqrt(1 - w) B]` as one matrix whose columns are ordered by how many articles use them,
    /// most first: the dense rows of the most used terms then stay in cache during the products.
    /// - Complexity: O(entries log entries per row).
    static func combinedMatrix(_ vectors: FieldVectors, model: ScoreModel) -> SparseMatrix {
        let terms = vectors.title.columnCount
        var uses = [Int](repeating: 0, count: 2 * terms)
        for c in vectors.title.columns { uses[Int(c)] += 1 }
        for c in vectors.body.columns { uses[terms + Int(c)] += 1 }
        let order = (0..<(2 * terms)).sorted { uses[$0] > uses[$1] || (uses[$0] == uses[$1] && $0 < $1) }
        var position = [Int32](repeating: 0, count: 2 * terms)
        for (p, c) in order.enumerated() { position[c] = Int32(p) }
        let (ts, bs) = model.fieldScales
        var rowStart = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        rowStart.reserveCapacity(vectors.count + 1)
        columns.reserveCapacity(vectors.title.nonZeroCount + vectors.body.nonZeroCount)
        values.reserveCapacity(columns.capacity)
        var row: [(Int32, Float)] = []
        for i in 0..<vectors.count {
            row.removeAll(keepingCapacity: true)
            for k in vectors.title.range(ofRow: i) {
                row.append((position[Int(vectors.title.columns[k])], ts * vectors.title.values[k]))
            }
            for k in vectors.body.range(ofRow: i) {
                row.append((position[terms + Int(vectors.body.columns[k])], bs * vectors.body.values[k]))
            }
            row.sort { $0.0 < $1.0 }
            for (c, v) in row {
                columns.append(c)
                values.append(v)
            }
            rowStart.append(columns.count)
        }
        return SparseMatrix(rowStart: rowStart, columns: columns, values: values, columnCount: 2 * terms)
    }
}
