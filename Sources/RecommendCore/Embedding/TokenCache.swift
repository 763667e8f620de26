internal import Synchronization

/// The tokens of words already encoded, kept by one worker across the texts it tokenizes: a BPE word's tokens
/// depend on the word alone, so a repeated word costs a lookup instead of its merges. Bounded: once full it
/// keeps the words it has and learns no new ones. Word frequencies are Zipfian, so the frequent words are
/// among the first seen; emptying a full cache instead made it relearn them again and again (27 s instead of
/// 13 s to embed 200,000 generated articles).
public struct TokenCache: Sendable {
    /// Tokens by word (its characters after normalisation).
    var words: [[Unicode.Scalar]: [Int32]] = [:]
    /// The most words kept.
    let capacity: Int

    public init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    mutating func remember(_ word: [Unicode.Scalar], _ tokens: [Int32]) {
        if words.count < capacity { words[word] = tokens }
    }
}

/// Token caches kept between texts embedded one at a time (a service answering drafts), so that each text
/// finds the words of the texts before it: a request takes an idle cache, or a new one, and gives it back.
final class TokenCachePool: Sendable {
    private let idle = Mutex<[TokenCache]>([])

    init() {}

    /// Runs `body` with a cache of its own, then keeps it for the next caller.
    func withCache<T>(_ body: (inout TokenCache) throws -> T) rethrows -> T {
        var cache = idle.withLock { $0.popLast() } ?? TokenCache()
        defer { idle.withLock { $0.append(cache) } }
        return try body(&cache)
    }
}
