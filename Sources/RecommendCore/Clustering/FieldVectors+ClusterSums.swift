extension FieldVectors {
    /// The sum of the field-weighted TF-IDF vectors (`model.fieldScales`, the weighting of the dense space) of
    /// each cluster's articles, as a dense `clusters x terms` matrix: cluster-major
    /// (`c * terms + t`), or term-major (`t * clusters + c`) for scoring sparse rows against every cluster.
    /// Articles with assignment `-1` are left out.
    /// - Complexity: O(entries + clusters × terms).
    func clusterSums(model: ScoreModel, assignments: [Int32], clusters: Int, termMajor: Bool) -> [Float] {
        let terms = title.columnCount
        var sums = [Float](repeating: 0, count: clusters * terms)
        let clusterStride = termMajor ? 1 : terms
        let termStride = termMajor ? clusters : 1
        let scales = model.fieldScales
        for (matrix, weight) in [(title, scales.title), (body, scales.body)] {
            for (i, a) in assignments.enumerated() where a >= 0 {
                let base = Int(a) * clusterStride
                for e in matrix.range(ofRow: i) {
                    sums[base + Int(matrix.columns[e]) * termStride] += weight * matrix.values[e]
                }
            }
        }
        return sums
    }
}
