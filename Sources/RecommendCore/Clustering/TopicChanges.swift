/// What happened to the topics between the previous index and this one, judged on the articles both hold.
public struct TopicChanges: Sendable, Codable, Equatable {
    /// An old topic whose articles went, in large parts, to several new topics.
    public struct Split: Sendable, Codable, Equatable {
        public var from: Int
        public var into: [Int]
    }

    /// A new topic that took large parts of several old topics.
    public struct Merge: Sendable, Codable, Equatable {
        public var from: [Int]
        public var into: Int
    }

    /// Ids present before and now.
    public var kept: [Int] = []
    /// Ids of new topics that match no old one.
    public var born: [Int] = []
    /// Ids of old topics that match no new one (they are not used again).
    public var died: [Int] = []
    public var splits: [Split] = []
    public var merges: [Merge] = []
    /// Articles in both indexes with a topic in both.
    public var sharedArticles = 0
    /// Of those, the articles whose topic id did not change.
    public var sameTopic = 0
    /// Whether the clustering started from the previous topics (warm start) or from fresh seeds.
    public var warmStart = false

    /// The share of shared articles that kept their topic id (1 when there are none).
    public var stability: Double { sharedArticles == 0 ? 1 : Double(sameTopic) / Double(sharedArticles) }

    /// One line for people: "kept 18, born 1 (t23), died 1 (t4), split t7 -> t7+t23; 96.1% of 17,900 articles
    /// kept their topic".
    public var summary: String {
        func names(_ ids: [Int]) -> String { ids.map { "t\($0)" }.joined(separator: ", ") }
        var parts = ["kept \(kept.count)"]
        parts.append(born.isEmpty ? "born 0" : "born \(born.count) (\(names(born)))")
        parts.append(died.isEmpty ? "died 0" : "died \(died.count) (\(names(died)))")
        for s in splits { parts.append("split t\(s.from) -> \(s.into.map { "t\($0)" }.joined(separator: "+"))") }
        for m in merges { parts.append("merged \(m.from.map { "t\($0)" }.joined(separator: "+")) -> t\(m.into)") }
        let share = (stability * 1000).rounded() / 10
        return parts.joined(separator: ", ") + "; \(share)% of \(sharedArticles) shared articles kept their topic"
            + (warmStart ? " (warm start)" : "")
    }
}
