/// Spherical k-means rounds in the full TF-IDF term space, started from a partition found in the dense space.
///
/// The dense (LSA) space smooths words into a few hundred directions, which is what makes k-means fast and robust;
/// the term space keeps every exact word, which short texts need. A few rounds here move the articles whose own
/// words fit another topic better. Centroids are dense (`terms x clusters`); scoring an article costs its
/// entries times the number of clusters.
struct TermSpaceRefinement {
    /// The field weighting of the term space.
    let model: ScoreModel

    /// `partition` after at most `rounds` term-space rounds (stopping when at most one article in 1,000 moves);
    /// centroids and similarities are then recomputed in the dense space of `points` for the moved assignment.
    /// A round that would empty a cluster ends the refinement with the last partition that had none empty.
    /// - Complexity: O(rounds × (entries × k + k × terms)).
    func refine(_ partition: Partition, points: DenseMatrix, vectors: FieldVectors, rounds: Int) -> Partition {
        let terms = vectors.title.columnCount
        let k = partition.clusterCount
        let n = vectors.count
        guard k > 1, rounds > 0 else { return partition }
        let scales = model.fieldScales
        let weights = [(vectors.title, scales.title), (vectors.body, scales.body)]
        var assignments = partition.assignments
        for _ in 0..<rounds {
            // Term-major centroids (`terms x k`), so scoring an entry reads k neighbouring floats.
            var centroids = vectors.clusterSums(
                model: model, assignments: assignments, clusters: k, termMajor: true)
            var norms = [Float](repeating: 0, count: k)
            for t in 0..<terms {
                for c in 0..<k { norms[c] += centroids[t * k + c] * centroids[t * k + c] }
            }
            let scales = norms.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
            for t in 0..<terms {
                for c in 0..<k { centroids[t * k + c] *= scales[c] }
            }
            let current = assignments
            let next = centroids.withUnsafeBufferPointer { cp in
                let shared = SendableConstPointer(cp.baseAddress!)
                return ParallelMap.chunked(count: n, chunkSize: 512) { range in
                    var scores = [Float](repeating: 0, count: k)
                    return range.map { i -> Int32 in
                        guard current[i] >= 0 else { return -1 }
                        for c in 0..<k { scores[c] = 0 }
                        for (matrix, weight) in weights {
                            for e in matrix.range(ofRow: i) {
                                let row = shared.pointer + Int(matrix.columns[e]) * k
                                let value = weight * matrix.values[e]
                                for c in 0..<k { scores[c] += value * row[c] }
                            }
                        }
                        var best = Int(current[i])
                        for c in 0..<k where scores[c] > scores[best] { best = c }
                        return Int32(best)
                    }
                }
            }
            var sizes = [Int](repeating: 0, count: k)
            for a in next where a >= 0 { sizes[Int(a)] += 1 }
            guard !sizes.contains(0) else { break }
            var moved = 0
            for i in 0..<n where next[i] != assignments[i] { moved += 1 }
            assignments = next
            if moved * 1_000 <= n { break }
        }
        let centroids = SphericalKMeans.centroids(points, assignments: assignments, clusters: k)
        let similarities = (0..<n).map { i in
            assignments[i] >= 0 ? SphericalKMeans.dot(points, row: i, centroids, row: Int(assignments[i])) : 0
        }
        return Partition(assignments: assignments, centroids: centroids, similarities: similarities)
    }
}
