/// Re-publications and light rewrites of one text, found at index time: two articles are near-duplicates when
/// one is in the other's related list and their bodies' TF-IDF cosine reaches a threshold, and groups are the
/// connected components of that relation (union-find). Independent reports of one event by different outlets
/// share the story but not the wording, and stay apart at the default threshold (see `NearDuplicateOptions`).
public struct NearDuplicateGroups: Sendable, Equatable {
    /// For each article, the index of the first article of its group (its own index when it has no
    /// near-duplicate). Two articles are in one group exactly when their entries are equal.
    public let group: [Int32]

    public init(group: [Int32]) {
        self.group = group
    }

    /// Every article in a group of its own.
    public init(count: Int) {
        group = (0..<Int32(count)).map { $0 }
    }

    /// The groups of `vectors`, looking only at pairs in `related` (the stored lists).
    /// - Parameter threshold: the smallest body cosine of a near-duplicate pair.
    /// - Complexity: O(articles × list width × entries per body) for the cosines, near-linear union-find.
    public static func find(_ vectors: FieldVectors, related: RelatedLists, threshold: Float) -> NearDuplicateGroups {
        let n = vectors.count
        var parent = (0..<Int32(n)).map { $0 }
        func root(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        let scorer = PairScorer(vectors: vectors, titleWeight: 0)
        for i in 0..<n {
            for (j, _) in related.list(of: i) {
                guard scorer.bodyCosine(i, j) >= threshold else { continue }
                let a = root(Int32(i))
                let b = root(Int32(j))
                if a != b { parent[Int(max(a, b))] = min(a, b) }
            }
        }
        return NearDuplicateGroups(group: (0..<Int32(n)).map { root($0) })
    }

    /// The number of articles.
    public var count: Int { group.count }

    /// The groups with more than one article, each ascending, ordered by their first article.
    public var groupsWithDuplicates: [[Int]] {
        var members: [Int32: [Int]] = [:]
        for (i, g) in group.enumerated() { members[g, default: []].append(i) }
        return members.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
    }
}
