/// The articles' dense rows (`DenseChannels`) partitioned into cells by spherical k-means (as the inverted-file
/// candidate search does at build time), so that the articles nearest to a new text are looked for in its
/// `probes` nearest cells only: about `probes / cells` of the work of scoring every article.
struct LatentCells: Sendable {
    /// `cells x d` unit centroids.
    let centroids: DenseMatrix
    /// Members of cell `c`: `order[start[c]..<start[c + 1]]`.
    let start: [Int]
    let order: [Int32]
    /// The members' unit vectors in cell order (`articles x d`), so that a cell is scored by one `sgemv` over
    /// contiguous rows.
    let members: [Float]
    let probes: Int

    /// - Complexity: O(iterations × sample × cells × d + articles × cells × d) in `sgemm`; memory: a copy of the
    ///   unit vectors.
    init(vectors: DenseMatrix, probes: Int, seed: UInt64) {
        let cells = SphericalPartition.cellCount(forRows: vectors.rows)
        centroids = SphericalPartition.train(vectors, cells: cells, seed: seed)
        let assignment = SphericalPartition.nearest(vectors, centroids: centroids, count: 1)
        (start, order) = SphericalPartition.members(of: assignment, stride: 1, cells: cells)
        var members = [Float]()
        members.reserveCapacity(vectors.storage.count)
        for j in order { members += vectors.row(Int(j)) }
        self.members = members
        self.probes = min(probes, cells)
    }

    /// The `count` articles of the `probes` cells nearest to the vector `q` with the highest inner product with
    /// it, best first.
    /// - Complexity: O(cells × d + probed articles × d).
    func nearest(to q: [Float], count: Int) -> [Int32] {
        let d = centroids.columns
        var nearestCells = TopK(capacity: probes)
        nearestCells.insert(scores: centroids.innerProducts(with: q))
        var top = TopK(capacity: count)
        let cells = nearestCells.sortedIndices().map(Int.init)
        var scores = [Float](repeating: 0, count: cells.map { start[$0 + 1] - start[$0] }.max() ?? 0)
        members.withUnsafeBufferPointer { rows in
            q.withUnsafeBufferPointer { q in
                scores.withUnsafeMutableBufferPointer { out in
                    for cell in cells where start[cell + 1] > start[cell] {
                        let m = start[cell + 1] - start[cell]
                        BLAS.multiplyVector(
                            rows.baseAddress! + start[cell] * d, q.baseAddress!, into: out.baseAddress!, m: m, n: d)
                        top.insert(scores: UnsafeBufferPointer(rebasing: out[..<m])) { order[start[cell] + $0] }
                    }
                }
            }
        }
        return top.sortedIndices()
    }
}
