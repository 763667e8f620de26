/// Every article's related articles, best first: a fixed-width table of `width` slots per article, unused
/// slots holding index -1 (an article with fewer candidates than `width` has a shorter list).
public struct RelatedLists: Sendable, Equatable {
    /// Slots per article.
    public let width: Int
    /// `count x width` article indices, -1 for an empty slot.
    public var indices: [Int32]
    /// `count x width` scores alongside `indices`.
    public var scores: [Float]

    public init(width: Int, indices: [Int32], scores: [Float]) {
        precondition(indices.count == scores.count && (width == 0 ? indices.isEmpty : indices.count % width == 0))
        self.width = width
        self.indices = indices
        self.scores = scores
    }

    public init(count: Int, width: Int) {
        self.init(
            width: width, indices: [Int32](repeating: -1, count: count * width),
            scores: [Float](repeating: 0, count: count * width))
    }

    /// The number of articles.
    public var count: Int { width == 0 ? 0 : indices.count / width }

    /// The list of article `i`, best first, up to `limit` entries.
    public func list(of i: Int, limit: Int = .max) -> [(index: Int, score: Float)] {
        var out: [(index: Int, score: Float)] = []
        for slot in 0..<min(width, limit) {
            let j = indices[i * width + slot]
            guard j >= 0 else { break }
            out.append((Int(j), scores[i * width + slot]))
        }
        return out
    }

    /// Stores a list for article `i` (best first, at most `width` entries).
    mutating func set(_ i: Int, _ list: [(score: Float, index: Int32)]) {
        for (slot, entry) in list.prefix(width).enumerated() {
            indices[i * width + slot] = entry.index
            scores[i * width + slot] = entry.score
        }
    }
}
