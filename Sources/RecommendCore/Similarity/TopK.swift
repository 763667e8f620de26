/// The `capacity` best (score, index) pairs seen so far, in a bounded min-heap: higher scores are better and
/// equal scores prefer the lower index, so the result never depends on the order of insertion.
public struct TopK: Sendable {
    public let capacity: Int
    private var scores: [Float] = []
    private var indices: [Int32] = []

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        scores.reserveCapacity(self.capacity)
        indices.reserveCapacity(self.capacity)
    }

    /// The number of pairs held.
    public var count: Int { scores.count }

    /// The score a new pair must beat once the heap is full (`-infinity` before).
    @inline(__always)
    public var threshold: Float { scores.count == capacity && capacity > 0 ? scores[0] : -.infinity }

    /// `true` when (a, ai) ranks below (b, bi).
    @inline(__always)
    private static func worse(_ a: Float, _ ai: Int32, _ b: Float, _ bi: Int32) -> Bool {
        a < b || (a == b && ai > bi)
    }

    /// Offers a pair; it is kept if it is among the best `capacity` so far.
    /// - Complexity: O(1) when rejected by the threshold, O(log capacity) otherwise.
    @inline(__always)
    public mutating func insert(_ score: Float, _ index: Int32) {
        guard capacity > 0 else { return }
        if scores.count < capacity {
            scores.append(score)
            indices.append(index)
            siftUp(scores.count - 1)
        } else if Self.worse(scores[0], indices[0], score, index) {
            scores[0] = score
            indices[0] = index
            siftDown(0)
        }
    }

    /// The pairs held, best first.
    public func sorted() -> [(score: Float, index: Int32)] {
        zip(scores, indices).map { (score: $0, index: $1) }.sorted { Self.worse($1.score, $1.index, $0.score, $0.index) }
    }

    /// Empties the heap, keeping its storage.
    public mutating func removeAll() {
        scores.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.worse(scores[child], indices[child], scores[parent], indices[parent]) else { break }
            scores.swapAt(child, parent)
            indices.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let n = scores.count
        while true {
            let left = 2 * parent + 1
            guard left < n else { break }
            var pick = left
            if left + 1 < n, Self.worse(scores[left + 1], indices[left + 1], scores[left], indices[left]) {
                pick = left + 1
            }
            guard Self.worse(scores[pick], indices[pick], scores[parent], indices[parent]) else { break }
            scores.swapAt(pick, parent)
            indices.swapAt(pick, parent)
            parent = pick
        }
    }
}
