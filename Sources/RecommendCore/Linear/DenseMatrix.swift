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
}
