internal import Foundation

/// Spherical k-means (Dhillon and Modha, 2001) on unit vectors: each point belongs to the centroid of highest
/// cosine, each centroid is the normalised mean of its points. Seeds come from greedy k-means++ (Arthur and
/// Vassilvitskii, 2007, with the `2 + ln k` candidates per step that scikit-learn uses); several restarts run and
/// the one with the best objective (sum of cosines) wins. Every random choice comes from `seed`, so the same
/// points give the same partition.
public struct SphericalKMeans: Sendable {
    /// Clusters wanted; fewer are returned when the points have fewer distinct directions.
    public var clusters: Int
    /// Independent runs from different seeds; the best objective wins.
    public var restarts: Int
    /// Upper bound on assignment/update rounds per run.
    public var maxIterations: Int
    /// Rounds each restart takes before the best one is chosen and continued.
    public var trialIterations: Int
    public var seed: UInt64

    /// Rows per assignment `sgemm`, bounding the scores held at once to `blockRows x clusters`.
    static let blockRows = 16_384

    public init(clusters: Int, restarts: Int = 10, maxIterations: Int = 60, trialIterations: Int = 10, seed: UInt64 = 1)
    {
        self.clusters = clusters
        self.trialIterations = trialIterations
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.seed = seed
    }

    /// The best of `restarts` runs on `points` (rows of unit length; zero rows are left unassigned): every run
    /// starts from its own greedy k-means++ seeds and takes `trialIterations` rounds; the run with the best
    /// objective then continues until it converges.
    /// - Complexity: O((restarts × (trialIterations + ln k) + iterations) × n × k × d), the products in `sgemm`.
    public func fit(_ points: DenseMatrix) -> Partition {
        let active = Self.activeRows(points)
        let compact = Self.rows(active, of: points)
        var best: Partition?
        var bestObjective = -Double.infinity
        for run in 0..<max(1, restarts) {
            var random = SeededRandom(seed: seed &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15)
            let start = Self.seedRows(compact, count: clusters, random: &random)
            let candidate = lloyd(compact, centroids: Self.rows(start, of: compact), rounds: trialIterations)
            let objective = candidate.objective
            if objective > bestObjective {
                best = candidate
                bestObjective = objective
            }
        }
        let converged = lloyd(compact, centroids: best!.centroids, rounds: maxIterations)
        return Self.expand(converged, active: active, count: points.rows)
    }

    /// Lloyd iterations on `points` from the given unit `centroids` (a warm start, e.g. the previous topics).
    /// - Complexity: O(iterations × n × k × d).
    public func refine(_ points: DenseMatrix, from centroids: DenseMatrix) -> Partition {
        let active = Self.activeRows(points)
        return Self.expand(
            lloyd(Self.rows(active, of: points), centroids: centroids, rounds: maxIterations), active: active,
            count: points.rows)
    }

    // MARK: Lloyd iterations

    /// Alternates assignment (one `sgemm` per block of rows) and centroid update, for at most `rounds` rounds or
    /// until at most one point in `convergedShare` changes cluster. Centroid sums are updated by the moved points
    /// only.
    func lloyd(_ points: DenseMatrix, centroids start: DenseMatrix, rounds: Int) -> Partition {
        let n = points.rows
        let k = start.rows
        let d = points.columns
        var centroids = start
        var assignments = [Int32](repeating: -1, count: n)
        var similarities = [Float](repeating: 0, count: n)
        guard n > 0, k > 0 else {
            return Partition(assignments: assignments, centroids: centroids, similarities: similarities)
        }
        var sums = DenseMatrix(zeros: k, d)
        var counts = [Int](repeating: 0, count: k)
        var previous = assignments
        for _ in 0..<max(1, rounds) {
            let moved = Self.assign(points, to: centroids, assignments: &assignments, similarities: &similarities)
            Self.fillEmptyClusters(points, clusters: k, assignments: &assignments, similarities: &similarities)
            points.storage.withUnsafeBufferPointer { p in
                sums.storage.withUnsafeMutableBufferPointer { s in
                    for i in 0..<n where assignments[i] != previous[i] {
                        let row = p.baseAddress! + i * d
                        if previous[i] >= 0 {
                            let from = s.baseAddress! + Int(previous[i]) * d
                            for j in 0..<d { from[j] -= row[j] }
                            counts[Int(previous[i])] -= 1
                        }
                        let to = s.baseAddress! + Int(assignments[i]) * d
                        for j in 0..<d { to[j] += row[j] }
                        counts[Int(assignments[i])] += 1
                    }
                }
            }
            previous = assignments
            var next = sums
            next.normalizeRows()
            for c in 0..<k where counts[c] == 0 {
                next.storage.replaceSubrange((c * d)..<((c + 1) * d), with: centroids.row(c))
            }
            centroids = next
            if moved * Self.convergedShare <= n { break }
        }
        for i in 0..<n {
            similarities[i] = Self.dot(points, row: i, centroids, row: Int(assignments[i]))
        }
        return Partition(assignments: assignments, centroids: centroids, similarities: similarities)
    }

    /// The normalised mean of each cluster's points.
    /// - Complexity: O(n × d).
    static func centroids(_ points: DenseMatrix, assignments: [Int32], clusters: Int) -> DenseMatrix {
        let d = points.columns
        var sums = DenseMatrix(zeros: clusters, d)
        for (i, a) in assignments.enumerated() where a >= 0 {
            for j in 0..<d { sums.storage[Int(a) * d + j] += points.storage[i * d + j] }
        }
        sums.normalizeRows()
        return sums
    }

    /// A run has converged when at most one point in this many changed cluster in a round.
    static let convergedShare = 1_000

    /// Assigns every point to its most similar centroid; returns how many points changed cluster.
    @discardableResult
    static func assign(
        _ points: DenseMatrix, to centroids: DenseMatrix, assignments: inout [Int32], similarities: inout [Float]
    ) -> Int {
        let k = centroids.rows
        var moved = 0
        points.forEachBlockOfInnerProducts(with: centroids, blockRows: blockRows) { start, rows, scores in
            for r in 0..<rows {
                let row = r * k
                var best = 0
                var bestScore = scores[row]
                for j in 1..<k where scores[row + j] > bestScore {
                    best = j
                    bestScore = scores[row + j]
                }
                if assignments[start + r] != Int32(best) { moved += 1 }
                assignments[start + r] = Int32(best)
                similarities[start + r] = bestScore
            }
        }
        return moved
    }

    /// Gives every empty cluster the point farthest from its own centroid (taken from a cluster that keeps at
    /// least one point), so k clusters stay k.
    static func fillEmptyClusters(
        _ points: DenseMatrix, clusters: Int, assignments: inout [Int32], similarities: inout [Float]
    ) {
        var sizes = [Int](repeating: 0, count: clusters)
        for a in assignments { sizes[Int(a)] += 1 }
        let empty = sizes.indices.filter { sizes[$0] == 0 }
        guard !empty.isEmpty else { return }
        let farthest = assignments.indices.sorted { (similarities[$0], $0) < (similarities[$1], $1) }
        var next = farthest.makeIterator()
        for c in empty {
            while let i = next.next() {
                let from = Int(assignments[i])
                guard sizes[from] > 1 else { continue }
                sizes[from] -= 1
                sizes[c] = 1
                assignments[i] = Int32(c)
                similarities[i] = 1
                break
            }
        }
    }

    // MARK: Seeding

    /// Row indices of `count` seeds by greedy k-means++: each next seed is the best, by the resulting potential
    /// (sum of squared distances to the nearest seed), of `2 + ln count` candidates drawn with probability
    /// proportional to that squared distance. Stops early when every point coincides with a seed.
    /// - Complexity: O(count × ln count × n × d).
    static func seedRows(_ points: DenseMatrix, count: Int, random: inout SeededRandom) -> [Int] {
        let n = points.rows
        let d = points.columns
        guard n > 0, count > 0 else { return [] }
        var chosen = [Int(random.next() % UInt64(n))]
        var nearest = [Float](repeating: 0, count: n)
        for i in 0..<n { nearest[i] = max(0, 2 - 2 * dot(points, row: i, points, row: chosen[0])) }
        let trials = 2 + Int(log(Double(count)))
        var scores = [Float](repeating: 0, count: n * trials)
        var cumulative = [Double](repeating: 0, count: n)
        while chosen.count < count {
            var total = 0.0
            for i in 0..<n {
                total += Double(nearest[i])
                cumulative[i] = total
            }
            guard total > 1e-6 else { break }
            let candidates = (0..<trials).map { _ -> Int in
                let target = Double(random.next() >> 11) / Double(1 << 53) * total
                var low = 0
                var high = n - 1
                while low < high {
                    let mid = (low + high) / 2
                    if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
                }
                return low
            }
            let candidateRows = rows(candidates, of: points)
            points.storage.withUnsafeBufferPointer { p in
                candidateRows.storage.withUnsafeBufferPointer { c in
                    scores.withUnsafeMutableBufferPointer { s in
                        BLAS.multiplyTransposed(
                            p.baseAddress!, c.baseAddress!, into: s.baseAddress!, m: n, n: trials, k: d)
                    }
                }
            }
            var bestTrial = 0
            var bestPotential = Double.infinity
            for t in 0..<trials {
                var potential = 0.0
                for i in 0..<n { potential += Double(min(nearest[i], max(0, 2 - 2 * scores[i * trials + t]))) }
                if potential < bestPotential {
                    bestPotential = potential
                    bestTrial = t
                }
            }
            chosen.append(candidates[bestTrial])
            for i in 0..<n { nearest[i] = min(nearest[i], max(0, 2 - 2 * scores[i * trials + bestTrial])) }
        }
        return chosen
    }

    // MARK: Rows

    /// Rows with a direction (non-zero).
    static func activeRows(_ points: DenseMatrix) -> [Int] {
        (0..<points.rows).filter { i in points.row(i).contains { $0 != 0 } }
    }

    /// The given rows of `matrix`, in that order, as a new matrix.
    static func rows(_ indices: [Int], of matrix: DenseMatrix) -> DenseMatrix {
        if indices.count == matrix.rows, indices.enumerated().allSatisfy({ $0 == $1 }) { return matrix }
        var storage: [Float] = []
        storage.reserveCapacity(indices.count * matrix.columns)
        for i in indices { storage.append(contentsOf: matrix.row(i)) }
        return DenseMatrix(rows: indices.count, columns: matrix.columns, storage: storage)
    }

    /// A partition of the active rows spread back over all `count` points (the others unassigned).
    static func expand(_ partition: Partition, active: [Int], count: Int) -> Partition {
        guard active.count != count else { return partition }
        var assignments = [Int32](repeating: -1, count: count)
        var similarities = [Float](repeating: 0, count: count)
        for (local, i) in active.enumerated() {
            assignments[i] = partition.assignments[local]
            similarities[i] = partition.similarities[local]
        }
        return Partition(assignments: assignments, centroids: partition.centroids, similarities: similarities)
    }

    @inline(__always)
    static func dot(_ a: DenseMatrix, row i: Int, _ b: DenseMatrix, row j: Int) -> Float {
        let d = a.columns
        return a.storage.withUnsafeBufferPointer { x in
            b.storage.withUnsafeBufferPointer { y in
                var sum: Float = 0
                for t in 0..<d { sum += x[i * d + t] * y[j * d + t] }
                return sum
            }
        }
    }
}
