internal import Dispatch

/// Work split over the machine's cores with `DispatchQueue.concurrentPerform`; results keep input order.
enum ParallelMap {
    /// Runs `body` on consecutive ranges of `0..<count` in parallel and concatenates the results in order.
    static func chunked<T>(count: Int, chunkSize: Int, _ body: (Range<Int>) -> [T]) -> [T] {
        let chunks = stride(from: 0, to: count, by: max(1, chunkSize)).map { $0..<min(count, $0 + max(1, chunkSize)) }
        let parts = map(chunks, body)
        var result: [T] = []
        result.reserveCapacity(count)
        for part in parts { result.append(contentsOf: part) }
        return result
    }

    /// `items.map(body)` computed in parallel.
    static func map<S, T>(_ items: [S], _ body: (S) -> T) -> [T] {
        var results = [T?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { out in
            let slots = UnsafeSlots(out)
            withoutActuallyEscaping(body) { body in
                let task = ConcurrentBody { i in slots.set(i, body(items[i])) }
                DispatchQueue.concurrentPerform(iterations: items.count) { i in task.run(i) }
            }
        }
        return results.map { $0! }
    }

    /// Calls `body` for each of `0..<count` in parallel, in blocks of `grain` indices.
    static func forEach(count: Int, grain: Int = 64, _ body: (Int) -> Void) {
        let blocks = (count + grain - 1) / grain
        withoutActuallyEscaping(body) { body in
            let task = ConcurrentBody(body)
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                for i in (block * grain)..<min(count, (block + 1) * grain) { task.run(i) }
            }
        }
    }

    /// The number of workers worth starting for CPU-bound work.
    static var workers: Int { max(1, ProcessInfoShim.activeProcessorCount) }
}

/// Disjoint slots of a buffer written from parallel workers: each index is written by exactly one worker.
struct UnsafeSlots<T>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<T?>
    init(_ base: UnsafeMutableBufferPointer<T?>) { self.base = base }
    func set(_ i: Int, _ value: T) { base[i] = value }
}

/// The body of a parallel loop. Callers of `ParallelMap` promise what a parallel loop needs: the body only
/// reads shared state, or writes parts of it that no other iteration touches.
private struct ConcurrentBody: @unchecked Sendable {
    let run: (Int) -> Void
    init(_ run: @escaping (Int) -> Void) { self.run = run }
}
