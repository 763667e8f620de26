/// Approximate nearest neighbours for large corpora, IVF-style: the unit vectors are partitioned into `lists`
/// cells by spherical k-means, each article is stored in its nearest cell, and each article looks for
/// candidates only in the `probes` cells nearest to it. One `sgemm` per (cell, queries probing it) pair scores
/// a cell's members against its queries; so the work is about `probes / lists` of all pairs.
struct InvertedFileCandidateSearch: CandidateSearch {
    let vectors: DenseMatrix
    let candidates: Int
    let lists: Int
    let probes: Int
    let seed: UInt64

    /// The defaults used above the exhaustive limit: `2 sqrt(n)` cells (about `sqrt(n) / 2` articles each), and
    /// enough probes to hold the recall of the exact top-10 near 0.95 or better.
    init(vectors: DenseMatrix, candidates: Int, probes: Int, seed: UInt64) {
        self.vectors = vectors
        self.candidates = candidates
        lists = SphericalPartition.cellCount(forRows: vectors.rows)
        self.probes = min(probes, lists)
        self.seed = seed
    }

    /// - Complexity: O(iterations × sample × lists × d + n × lists × d + n × probes × (n / lists) × d) arithmetic,
    ///   O(n × (candidates + probes)) memory.
    func forEachBlock(_ body: ([Int], [[Int32]]) -> Void) -> SearchCost {
        let n = vectors.rows
        let d = vectors.columns
        var cost = SearchCost()
        let assignment = Stopwatch.adding(to: &cost.partitionSeconds) {
            let centroids = SphericalPartition.train(vectors, cells: lists, seed: seed)
            return SphericalPartition.nearest(vectors, centroids: centroids, count: probes)
        }
        // Cells in article order: members of cell c are order[start[c]..<start[c+1]], their vectors contiguous.
        let (start, order) = SphericalPartition.members(of: assignment, stride: probes, cells: lists)
        var members = [Float](repeating: 0, count: n * d)
        for (slot, i) in order.enumerated() {
            members.replaceSubrange((slot * d)..<((slot + 1) * d), with: vectors.row(Int(i)))
        }
        // Queries probing each cell, by slot: the query in slot s is article order[s], so the queries of one cell
        // (which sit in nearby cells) have nearby slots, and so do their heaps in memory.
        var probing = Buckets(count: lists, keys: assignment)
        var probers = [Int32](repeating: 0, count: assignment.count)
        for (slot, i) in order.enumerated() {
            for p in 0..<probes { probers[probing.place(in: Int(assignment[Int(i) * probes + p]))] = Int32(slot) }
        }
        // Each worker owns the slots s with s % workers == w, so no two workers touch one heap.
        let workers = ParallelMap.workers
        var heaps = (0..<n).map { _ in TopK(capacity: candidates) }
        for c in 0..<lists {
            cost.gemmFlops += 2 * Double(probing.slots(of: c).count) * Double(start[c + 1] - start[c]) * Double(d)
        }
        let perWorker = heaps.withUnsafeMutableBufferPointer { heapBuffer in
            let shared = SendablePointer(heapBuffer.baseAddress!)
            return BLAS.withSingleThread {
                ParallelMap.map(Array(0..<workers)) { w in
                    var cost = SearchCost()
                    var queries = [Float]()
                    var scores = [Float]()
                    var owned = [Int32]()
                    for c in 0..<lists where start[c + 1] > start[c] {
                        owned.removeAll(keepingCapacity: true)
                        for slot in probers[probing.slots(of: c)] where Int(slot) % workers == w {
                            owned.append(slot)
                        }
                        guard !owned.isEmpty else { continue }
                        let m = start[c + 1] - start[c]
                        queries.removeAll(keepingCapacity: true)
                        for slot in owned { queries += vectors.row(Int(order[Int(slot)])) }
                        if scores.count < owned.count * m { scores = [Float](repeating: 0, count: owned.count * m) }
                        Stopwatch.adding(to: &cost.gemmSeconds) {
                            queries.withUnsafeBufferPointer { qp in
                                members.withUnsafeBufferPointer { mp in
                                    scores.withUnsafeMutableBufferPointer { sp in
                                        BLAS.multiplyTransposed(
                                            qp.baseAddress!, mp.baseAddress! + start[c] * d, into: sp.baseAddress!,
                                            m: owned.count, n: m, k: d)
                                    }
                                }
                            }
                        }
                        Stopwatch.adding(to: &cost.selectionSeconds) {
                            scores.withUnsafeBufferPointer { scores in
                                order.withUnsafeBufferPointer { order in
                                    let members = order.baseAddress! + start[c]
                                    for (r, slot) in owned.enumerated() {
                                        shared.pointer[Int(slot)].insert(
                                            scores: UnsafeBufferPointer(rebasing: scores[(r * m)..<((r + 1) * m)]),
                                            excluding: order[Int(slot)]
                                        ) { members[$0] }
                                    }
                                }
                            }
                        }
                    }
                    return cost
                }
            }
        }
        // Workers ran side by side: their mean is the wall time of each part.
        cost.gemmSeconds += perWorker.reduce(0) { $0 + $1.gemmSeconds } / Double(workers)
        cost.selectionSeconds += perWorker.reduce(0) { $0 + $1.selectionSeconds } / Double(workers)
        // Rows in cell order: neighbouring rows share candidates and rare terms, so the caller's re-rank finds
        // their vectors and postings still in cache.
        let blockRows = 4096
        for blockStart in stride(from: 0, to: n, by: blockRows) {
            let slots = blockStart..<min(n, blockStart + blockRows)
            body(slots.map { Int(order[$0]) }, slots.map { heaps[$0].sorted().map(\.index) })
        }
        return cost
    }
}
