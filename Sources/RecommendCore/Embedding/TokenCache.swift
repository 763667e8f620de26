/// The tokens of words already encoded, kept by one worker across the texts it tokenizes: a BPE word's tokens
/// depend on the word alone, so a repeated word costs a lookup instead of its merges. Bounded: when full it
/// starts again empty.
public struct TokenCache: Sendable {
    /// Tokens by word (its characters after normalisation).
    var words: [[Unicode.Scalar]: [Int32]] = [:]
    /// The most words kept.
    let capacity: Int

    public init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    mutating func remember(_ word: [Unicode.Scalar], _ tokens: [Int32]) {
        if words.count >= capacity { words.removeAll(keepingCapacity: true) }
        words[word] = tokens
    }
}
