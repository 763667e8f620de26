/// Topics placed in the plane so that alike topics sit close: classical multidimensional scaling of the cosines
/// between topic centroids (squared distances `2 − 2 cos`, double-centred, the two strongest eigenvectors scaled
/// by the square roots of their eigenvalues).
public struct TopicMap: Sendable, Equatable {
    /// One topic's place, in units of centroid distance.
    public struct Point: Sendable, Equatable {
        public var topic: Topic
        public var x: Double
        public var y: Double
    }

    public var points: [Point]

    /// The map of `topics`, from the cosines between their centroids (`cosines[a][b]`, symmetric, 1 on the
    /// diagonal).
    /// - Throws: `LinearAlgebraError` when the eigen solver fails.
    /// - Complexity: O(t³) for t topics.
    public init(topics: [Topic], cosines: [[Double]]) throws(LinearAlgebraError) {
        let n = topics.count
        guard n > 2 else {
            points = topics.enumerated().map { Point(topic: $1, x: Double($0), y: 0) }
            return
        }
        var squared = [Double](repeating: 0, count: n * n)
        for a in 0..<n { for b in 0..<n { squared[a * n + b] = max(0, 2 - 2 * cosines[a][b]) } }
        let rowMeans = (0..<n).map { a in (0..<n).reduce(0) { $0 + squared[a * n + $1] } / Double(n) }
        let mean = rowMeans.reduce(0, +) / Double(n)
        var centred = [Float](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in 0..<n {
                centred[a * n + b] = Float(-0.5 * (squared[a * n + b] - rowMeans[a] - rowMeans[b] + mean))
            }
        }
        let values = try BLAS.symmetricEigen(&centred, n: n)
        // Ascending: the last two are the strongest.
        func axis(_ j: Int) -> [Double] {
            let scale = Double(max(0, values[j])).squareRoot()
            return (0..<n).map { Double(centred[j * n + $0]) * scale }
        }
        let xs = axis(n - 1)
        let ys = axis(n - 2)
        points = topics.enumerated().map { Point(topic: $1, x: xs[$0], y: ys[$0]) }
    }
}

extension RelatedRanker {
    /// The cosine between the centroids of each pair of `topics`, from their `sample` most central articles: a
    /// pair score is the dot product of two unit article vectors (its channels weighted), so the mean score across
    /// two samples is the dot product of their centroids, and its ratio to the square roots of each sample's mean
    /// score with itself is their cosine.
    /// - Returns: nil when the ranker was opened without vectors.
    /// - Complexity: O(t² × sample²) pair scores for t topics.
    public func topicCentroidCosines(_ topics: [Topic], sample: Int) -> [[Double]]? {
        guard let scorer else { return nil }
        let members = topics.map { Array(index.articles(inTopic: $0.id).prefix(sample).map(\.index)) }
        func dot(_ a: [Int], _ b: [Int]) -> Double {
            guard !a.isEmpty, !b.isEmpty else { return 0 }
            var sum = 0.0
            for i in a { for j in b { sum += i == j ? 1 : Double(scorer.score(i, j)) } }
            return sum / Double(a.count * b.count)
        }
        let norms = members.map { dot($0, $0).squareRoot() }
        var cosines = [[Double]](repeating: [Double](repeating: 0, count: topics.count), count: topics.count)
        for a in topics.indices {
            cosines[a][a] = 1
            for b in topics.indices where b > a {
                let product = norms[a] * norms[b]
                let cosine = product > 0 ? min(1, dot(members[a], members[b]) / product) : 0
                cosines[a][b] = cosine
                cosines[b][a] = cosine
            }
        }
        return cosines
    }
}
