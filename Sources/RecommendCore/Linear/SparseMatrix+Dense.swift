extension SparseMatrix {
    /// `out += scale * self * dense`, where `dense` is row-major with `columnCount` rows and `width` columns and
    /// `out` is row-major `rowCount x width`. Rows are computed in parallel.
    /// - Complexity: O(entries × width).
    func multiplyAccumulate(
        dense: UnsafePointer<Float>, width: Int, scale: Float, into out: UnsafeMutablePointer<Float>
    ) {
        let output = SendablePointer(out)
        let input = SendableConstPointer(dense)
        rowStart.withUnsafeBufferPointer { starts in
            columns.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    ParallelMap.forEach(count: rowCount, grain: 256) { i in
                        let o = output.pointer + i * width
                        for k in starts[i]..<starts[i + 1] {
                            let v = scale * vals[k]
                            let m = input.pointer + Int(cols[k]) * width
                            for j in 0..<width { o[j] += v * m[j] }
                        }
                    }
                }
            }
        }
    }
}

extension SparseMatrix {
    /// `out += self^T * dense`, where `dense` is row-major `rowCount x width` and `out` is row-major
    /// `columnCount x width`. Rows are read in order (each dense row streamed once per worker); worker `w`
    /// writes only the output rows `c` with `c % workers == w`, so no two workers touch one row.
    /// - Complexity: O(entries × width).
    func transposeMultiplyAccumulate(dense: UnsafePointer<Float>, width: Int, into out: UnsafeMutablePointer<Float>) {
        let output = SendablePointer(out)
        let input = SendableConstPointer(dense)
        let workers = ParallelMap.workers
        rowStart.withUnsafeBufferPointer { starts in
            columns.withUnsafeBufferPointer { cols in
                values.withUnsafeBufferPointer { vals in
                    ParallelMap.forEach(count: workers, grain: 1) { w in
                        for i in 0..<rowCount {
                            let m = input.pointer + i * width
                            for k in starts[i]..<starts[i + 1] where Int(cols[k]) % workers == w {
                                let v = vals[k]
                                let o = output.pointer + Int(cols[k]) * width
                                for j in 0..<width { o[j] += v * m[j] }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A pointer handed to parallel workers that write disjoint parts of the memory it points to.
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// A read-only pointer shared by parallel workers.
struct SendableConstPointer<T>: @unchecked Sendable {
    let pointer: UnsafePointer<T>
    init(_ pointer: UnsafePointer<T>) { self.pointer = pointer }
}
