/// A coarse partition of unit vectors into cells by spherical k-means, for candidate search.
enum SphericalPartition {
    /// The cells for `rows` vectors: `2 sqrt(rows)`, about `sqrt(rows) / 2` vectors each, so that probing a cell
    /// and choosing among the cells cost about the same.
    static func cellCount(forRows rows: Int) -> Int { max(1, min(rows, Int((2 * Double(rows).squareRoot()).rounded()))) }

    /// `cells` unit centroids (row-major, `cells x d`) from a few Lloyd rounds of spherical k-means
    /// (`SphericalKMeans`) on a seeded sample of at most `64 × cells` rows, started from distinct sample rows:
    /// a coarse partition needs no careful seeding.
    /// - Complexity: O(iterations × sample × cells × d) in `sgemm`.
    static func train(_ vectors: DenseMatrix, cells: Int, iterations: Int = 8, seed: UInt64) -> DenseMatrix {
        let n = vectors.rows
        let d = vectors.columns
        var random = SeededRandom(seed: seed)
        var picks = Array(0..<n)
        let sampleSize = min(n, max(cells, 64 * cells))
        for i in 0..<sampleSize {
            let j = i + Int(random.next() % UInt64(n - i))
            picks.swapAt(i, j)
        }
        var rows = [Float]()
        rows.reserveCapacity(sampleSize * d)
        for i in picks.prefix(sampleSize) { rows += vectors.row(i) }
        let sample = DenseMatrix(rows: sampleSize, columns: d, storage: rows)
        let start = DenseMatrix(rows: cells, columns: d, storage: Array(rows.prefix(cells * d)))
        let kmeans = SphericalKMeans(clusters: cells, restarts: 1, maxIterations: iterations, seed: seed)
        return kmeans.refine(sample, from: start).centroids
    }

    /// For each row of `vectors`, the `count` nearest centroids by inner product, nearest first (`rows x count`).
    /// - Complexity: O(rows × cells × d) in `sgemm`, in blocks of rows.
    static func nearest(_ vectors: DenseMatrix, centroids: DenseMatrix, count: Int) -> [Int32] {
        let cells = centroids.rows
        let blockRows = max(64, min(8192, (64 << 20) / max(1, cells * 4)))
        var out = [Int32](repeating: 0, count: vectors.rows * count)
        vectors.forEachBlockOfInnerProducts(with: centroids, blockRows: blockRows) { blockStart, rows, scores in
            let shared = SendableConstPointer(scores.baseAddress!)
            let picked = ParallelMap.chunked(count: rows, chunkSize: 256) { range in
                var top = TopK(capacity: count)
                return range.flatMap { r in
                    top.removeAll()
                    top.insert(scores: UnsafeBufferPointer(start: shared.pointer + r * cells, count: cells))
                    return top.sortedIndices()
                }
            }
            out.replaceSubrange((blockStart * count)..<((blockStart + rows) * count), with: picked)
        }
        return out
    }

    /// The members of each cell, in row order, from each row's cell list (`stride` cells per row, nearest first:
    /// a row belongs to its first): members of cell `c` are `order[start[c]..<start[c + 1]]`.
    /// - Complexity: O(rows + cells).
    static func members(of assignment: [Int32], stride: Int, cells: Int) -> (start: [Int], order: [Int32]) {
        let n = assignment.count / max(1, stride)
        var buckets = Buckets(count: cells, keys: (0..<n).lazy.map { assignment[$0 * stride] })
        var order = [Int32](repeating: 0, count: n)
        for i in 0..<n { order[buckets.place(in: Int(assignment[i * stride]))] = Int32(i) }
        return (buckets.start, order)
    }
}
