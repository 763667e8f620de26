/// A dense row-major matrix of `Float`.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var storage: [Float]

    public init(rows: Int, columns: Int, storage: [Float]) {
        precondition(storage.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    public init(zeros rows: Int, _ columns: Int) {
        self.init(rows: rows, columns: columns, storage: [Float](repeating: 0, count: rows * columns))
    }

    /// Row `i` as a slice of the storage.
    public func row(_ i: Int) -> ArraySlice<Float> { storage[(i * columns)..<((i + 1) * columns)] }

    /// Scales every non-zero row to unit Euclidean length.
    public mutating func normalizeRows() {
        let c = columns
        storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<rows {
                var norm: Float = 0
                for j in 0..<c { norm += s[i * c + j] * s[i * c + j] }
                guard norm > 0 else { continue }
                let scale = 1 / norm.squareRoot()
                for j in 0..<c { s[i * c + j] *= scale }
            }
        }
    }

    /// Calls `body` for consecutive blocks of at most `blockRows` rows, in order, with the first row of the block,
    /// its row count and the inner products of those rows with every row of `other` (`rows x other.rows`,
    /// row-major), computed by one `sgemm` per block: memory stays O(block x other.rows).
    func forEachBlockOfInnerProducts(
        with other: DenseMatrix, blockRows: Int, _ body: (_ start: Int, _ rows: Int, UnsafeBufferPointer<Float>) -> Void
    ) {
        precondition(columns == other.columns)
        let block = max(1, min(rows, blockRows))
        var scores = [Float](repeating: 0, count: block * other.rows)
        for start in stride(from: 0, to: rows, by: block) {
            let count = min(block, rows - start)
            storage.withUnsafeBufferPointer { a in
                other.storage.withUnsafeBufferPointer { b in
                    scores.withUnsafeMutableBufferPointer { s in
                        BLAS.multiplyTransposed(
                            a.baseAddress! + start * columns, b.baseAddress!, into: s.baseAddress!, m: count,
                            n: other.rows, k: columns)
                    }
                }
            }
            scores.withUnsafeBufferPointer { body(start, count, UnsafeBufferPointer(rebasing: $0[0..<(count * other.rows)])) }
        }
    }

    /// The `count` orthonormal directions along which the rows vary most (uncentred: the top eigenvectors of
    /// `AᵀA`), as the rows of a `count x columns` matrix, strongest first. Projecting the rows on them keeps as
    /// much of their inner products as `count` dimensions can.
    /// - Complexity: O(rows × columns²) for `AᵀA` in one `sgemm`, O(columns³) for its eigenvectors.
    func principalAxes(count: Int) throws(LinearAlgebraError) -> DenseMatrix {
        let d = columns
        let k = min(count, d)
        var gram = [Float](repeating: 0, count: d * d)
        storage.withUnsafeBufferPointer { a in
            gram.withUnsafeMutableBufferPointer { c in BLAS.gram(a.baseAddress!, into: c.baseAddress!, m: rows, n: d) }
        }
        _ = try BLAS.symmetricEigen(&gram, n: d)
        // Eigenvalues ascend: the last rows are the strongest directions.
        var axes = [Float]()
        axes.reserveCapacity(k * d)
        for j in stride(from: d - 1, through: d - k, by: -1) { axes += gram[(j * d)..<((j + 1) * d)] }
        return DenseMatrix(rows: k, columns: d, storage: axes)
    }

    /// The rows projected on the rows of `axes` (`rows x axes.rows`), by one `sgemm`.
    func projected(on axes: DenseMatrix) -> DenseMatrix {
        precondition(axes.columns == columns)
        var out = [Float](repeating: 0, count: rows * axes.rows)
        storage.withUnsafeBufferPointer { a in
            axes.storage.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { c in
                    BLAS.multiplyTransposed(
                        a.baseAddress!, b.baseAddress!, into: c.baseAddress!, m: rows, n: axes.rows, k: columns)
                }
            }
        }
        return DenseMatrix(rows: rows, columns: axes.rows, storage: out)
    }

    /// The inner product of every row with `q` (`columns` long), by one `sgemv`, into `out` (resized to `rows`).
    func innerProducts(with q: [Float], into out: inout [Float]) {
        precondition(q.count == columns)
        if out.count != rows { out = [Float](repeating: 0, count: rows) }
        storage.withUnsafeBufferPointer { a in
            q.withUnsafeBufferPointer { q in
                out.withUnsafeMutableBufferPointer { o in
                    BLAS.multiplyVector(a.baseAddress!, q.baseAddress!, into: o.baseAddress!, m: rows, n: columns)
                }
            }
        }
    }

    /// The inner product of every row with `q`, by one `sgemv`.
    func innerProducts(with q: [Float]) -> [Float] {
        var out: [Float] = []
        innerProducts(with: q, into: &out)
        return out
    }
}
