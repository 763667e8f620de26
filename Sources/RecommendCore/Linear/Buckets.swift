/// The counting sort behind every compressed-row layout the package builds (a transpose, reverse lists, the
/// members of cells): items are counted per bucket, the counts summed into each bucket's start, then each item
/// is placed in the next free slot of its bucket, so a bucket keeps its items in the order they were placed.
struct Buckets {
    /// Bucket `b` holds the slots `start[b]..<start[b + 1]`; `start.last` is the number of items.
    let start: [Int]
    /// The next free slot of each bucket.
    private var next: [Int]

    /// Buckets for items whose bucket numbers are `keys` (each in `0..<count`), one item per key.
    /// - Complexity: O(keys + count).
    init(count: Int, keys: some Sequence<Int32>) {
        var start = [Int](repeating: 0, count: count + 1)
        for key in keys { start[Int(key) + 1] += 1 }
        for b in 0..<count { start[b + 1] += start[b] }
        self.start = start
        next = start
    }

    /// The number of items.
    var itemCount: Int { start[start.count - 1] }

    /// The slots of bucket `b`.
    func slots(of b: Int) -> Range<Int> { start[b]..<start[b + 1] }

    /// The next free slot of bucket `b`, which this call takes. Items must be placed in the order the caller
    /// wants each bucket to hold them.
    @inline(__always)
    mutating func place(in b: Int) -> Int {
        let slot = next[b]
        next[b] += 1
        return slot
    }
}
