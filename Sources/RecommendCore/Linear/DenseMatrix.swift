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
