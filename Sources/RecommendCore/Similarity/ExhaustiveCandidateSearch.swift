/// Where an article's re-rank candidates come from: its nearest articles by inner product of unit dense vectors.
protocol CandidateSearch {
    /// Calls `body` for blocks of rows that together hold every row once, with each row's candidates (never the
    /// row itself), and returns what the search itself cost (the time `body` takes is not counted). Rows come in
    /// the order that serves the caller's memory best: similar rows together, where the search knows them.
    func forEachBlock(_ body: ([Int], [[Int32]]) -> Void) -> SearchCost
}

/// The cost of a candidate search: `sgemm` work and time, and the time spent selecting top candidates.
public struct SearchCost: Sendable, Codable, Equatable {
    /// Floating-point operations done in `sgemm` (2 m n k per call).
    public var gemmFlops: Double = 0
    /// Seconds spent in `sgemm`.
    public var gemmSeconds: Double = 0
    /// Seconds spent selecting each row's top candidates from the scores.
    public var selectionSeconds: Double = 0
    /// Seconds spent training the inverted file's cells and assigning every row to its nearest ones (0 for an
    /// exhaustive search).
    public var partitionSeconds: Double = 0

    /// Achieved `sgemm` speed in GFLOP/s.
    public var gemmGFLOPS: Double { gemmSeconds > 0 ? gemmFlops / gemmSeconds / 1e9 : 0 }
}

/// Exact nearest neighbours by inner product of unit dense vectors, all rows against all rows, one `sgemm` per
/// row block, each block's scores reduced at once to per-row top candidates: memory stays O(block × articles).
struct ExhaustiveCandidateSearch: CandidateSearch {
    let vectors: DenseMatrix
    let candidates: Int
    /// Bytes of scores one block may hold.
    var blockBytes = 128 << 20

    /// Rows per block: as many as fit `blockBytes`, between 16 and 4,096.
    var blockRows: Int { max(16, min(4096, blockBytes / max(1, vectors.rows * 4))) }

    /// Calls `body` for each block of rows, in order, with each row's candidates (best first, never the row
    /// itself).
    /// - Complexity: O(articles² × d) arithmetic in `sgemm`, O(articles² ) compares, O(block × articles) memory.
    func forEachBlock(_ body: ([Int], [[Int32]]) -> Void) -> SearchCost {
        let n = vectors.rows
        let d = vectors.columns
        let rowsPerBlock = blockRows
        var cost = SearchCost()
        var scores = [Float](repeating: 0, count: rowsPerBlock * n)
        for start in stride(from: 0, to: n, by: rowsPerBlock) {
            let rows = start..<min(n, start + rowsPerBlock)
            Stopwatch.adding(to: &cost.gemmSeconds) {
                vectors.storage.withUnsafeBufferPointer { e in
                    scores.withUnsafeMutableBufferPointer { s in
                        BLAS.multiplyTransposed(
                            e.baseAddress! + start * d, e.baseAddress!, into: s.baseAddress!, m: rows.count, n: n, k: d)
                    }
                }
            }
            cost.gemmFlops += 2 * Double(rows.count) * Double(n) * Double(d)
            let lists = Stopwatch.adding(to: &cost.selectionSeconds) {
                scores.withUnsafeBufferPointer { s in
                let shared = SendableConstPointer(s.baseAddress!)
                return ParallelMap.chunked(count: rows.count, chunkSize: 32) { local in
                    var top = TopK(capacity: candidates)
                    return local.map { r in
                        top.removeAll()
                        top.insert(
                            scores: UnsafeBufferPointer(start: shared.pointer + r * n, count: n),
                            excluding: Int32(start + r))
                        return top.sortedIndices()
                    }
                }
                }
            }
            body(Array(rows), lists)
        }
        return cost
    }
}
