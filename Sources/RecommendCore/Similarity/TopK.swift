/// The `capacity` best (score, index) pairs seen so far, in a bounded min-heap: higher scores are better and
/// equal scores prefer the lower index, so the result never depends on the order of insertion.
///
/// Each pair is held as one 64-bit key that orders as the pair ranks (the score's bits mapped to an unsigned
/// order above, the complemented index below), so the heap compares and moves one integer per step.
public struct TopK: Sendable {
    public let capacity: Int
    private var keys: [UInt64] = []
    /// The score of the worst pair held once the heap is full (`-infinity` before): read on every offer.
    public private(set) var threshold: Float = -.infinity

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        keys.reserveCapacity(self.capacity)
    }

    /// The number of pairs held.
    public var count: Int { keys.count }

    /// The key of a pair: greater keys rank higher.
    @inline(__always)
    static func key(_ score: Float, _ index: Int32) -> UInt64 {
        let bits = (score + 0).bitPattern  // -0 as +0
        let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
        return UInt64(ordered) << 32 | UInt64(~UInt32(bitPattern: index))
    }

    /// The score and index a key holds.
    @inline(__always)
    static func pair(_ key: UInt64) -> (score: Float, index: Int32) {
        let ordered = UInt32(truncatingIfNeeded: key >> 32)
        let bits = ordered & 0x8000_0000 != 0 ? ordered & 0x7FFF_FFFF : ~ordered
        return (Float(bitPattern: bits), Int32(bitPattern: ~UInt32(truncatingIfNeeded: key)))
    }

    /// Offers a pair (`index` is not negative: an article number); it is kept if it is among the best
    /// `capacity` so far.
    /// - Complexity: O(1) when rejected, O(log capacity) otherwise.
    @inline(__always)
    public mutating func insert(_ score: Float, _ index: Int32) {
        assert(index >= 0, "TopK orders indices as article numbers")
        guard capacity > 0 else { return }
        let key = Self.key(score, index)
        if keys.count < capacity {
            keys.append(key)
            siftUp(keys.count - 1)
            if keys.count == capacity { threshold = Self.pair(keys[0]).score }
        } else if key > keys[0] {
            siftDown(key)
            threshold = Self.pair(keys[0]).score
        }
    }

    /// Offers a row of scores: `scores[k]` under the index `index(k)` (by default `k`), every `k` but the one whose
    /// index is `excluding` (the query itself). One comparison per score that the heap rejects.
    /// - Complexity: O(scores) plus O(log capacity) per pair kept.
    @inline(__always)
    public mutating func insert(
        scores: UnsafeBufferPointer<Float>, excluding: Int32 = -1, index: (Int) -> Int32 = { Int32($0) }
    ) {
        var threshold = self.threshold
        for k in scores.indices where scores[k] > threshold {
            let j = index(k)
            guard j != excluding else { continue }
            insert(scores[k], j)
            threshold = self.threshold
        }
    }

    /// Offers `scores[k]` under the index `k`, for every `k`.
    /// - Complexity: O(scores) plus O(log capacity) per pair kept.
    public mutating func insert(scores: [Float]) {
        scores.withUnsafeBufferPointer { insert(scores: $0) }
    }

    /// The indices held, best first.
    public func sortedIndices() -> [Int32] { sorted().map(\.index) }

    /// The pairs held, best first.
    public func sorted() -> [(score: Float, index: Int32)] {
        keys.sorted(by: >).map(Self.pair)
    }

    /// Empties the heap, keeping its storage.
    public mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        threshold = -.infinity
    }

    private mutating func siftUp(_ start: Int) {
        keys.withUnsafeMutableBufferPointer { heap in
            var child = start
            let key = heap[child]
            while child > 0 {
                let parent = (child - 1) / 2
                guard key < heap[parent] else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = key
        }
    }

    /// Replaces the root (the worst pair) by `key` and restores the heap.
    private mutating func siftDown(_ key: UInt64) {
        keys.withUnsafeMutableBufferPointer { heap in
            let n = heap.count
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < n else { break }
                var pick = left
                if left + 1 < n, heap[left + 1] < heap[left] { pick = left + 1 }
                guard heap[pick] < key else { break }
                heap[parent] = heap[pick]
                parent = pick
            }
            heap[parent] = key
        }
    }
}
