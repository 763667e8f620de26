/// A split of points (unit vectors) into clusters: what one run of spherical k-means returns.
public struct Partition: Sendable, Equatable {
    /// The cluster of each point, `-1` for a point that has no direction (a zero vector).
    public var assignments: [Int32]
    /// Unit centroids, one row per cluster.
    public var centroids: DenseMatrix
    /// Cosine of each point to its own centroid (`0` for unassigned points).
    public var similarities: [Float]

    /// The number of clusters.
    public var clusterCount: Int { centroids.rows }

    /// The k-means objective for unit vectors: the sum of every point's cosine to its centroid (higher is
    /// better; equivalent to minimising the squared distance `2 - 2 cos`).
    public var objective: Double { similarities.reduce(0) { $0 + Double($1) } }

    /// Points per cluster.
    public var sizes: [Int] {
        var sizes = [Int](repeating: 0, count: clusterCount)
        for a in assignments where a >= 0 { sizes[Int(a)] += 1 }
        return sizes
    }
}
