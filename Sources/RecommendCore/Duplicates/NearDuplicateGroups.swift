/// Re-publications and light rewrites of one text, found at index time: two articles are near-duplicates when
/// one is in the other's related list and their bodies' TF-IDF cosine reaches a threshold, and groups are the
/// connected components of that relation (union-find). Reports written independently share the story but
/// less of the wording and stay apart; agency copy lightly edited by two outlets is one text (see
/// `NearDuplicateOptions` for the threshold and what it was measured on).
public struct NearDuplicateGroups: Sendable, Equatable {
    /// For each article, the index of the first article of its group (its own index when it has no
    /// near-duplicate). Two articles are in one group exactly when their entries are equal.
    public let group: [Int32]

    public init(group: [Int32]) {
        self.group = group
    }

    /// The groups of the articles of `scorer`, looking only at pairs in `related` (the stored lists, whose scores
    /// are `scorer`'s pair scores).
    /// - Parameter threshold: the smallest body cosine of a near-duplicate pair.
    /// - Complexity: O(articles × list width × latent dimensions) at worst to bound the pairs, the body cosine of
    ///   only those whose score could reach the threshold, then near-linear union-find.
    public static func find(related: RelatedLists, scorer: PairScorer, threshold: Float) -> NearDuplicateGroups {
        let n = scorer.vectors.count
        let model = scorer.model
        // The title part of a score is never negative, so a pair with body cosine b has score >= bodyFactor b + its
        // dense part; that part is at least -(β + η s_i s_j), so the list of i (best first) can stop below
        // `floor(i)`, s_j taken at its largest (the article with fewest terms). The bounds allow for rounding: the
        // body cosine itself decides.
        let bodyFloor = model.bodyFactor * threshold - 1e-5
        let terms = (0..<n).map { DenseChannels.terms(of: scorer.vectors, row: $0) }
        let largestScale = model.embeddingScale(terms: terms.min() ?? 0)
        func floor(_ i: Int) -> Float {
            bodyFloor - model.latentWeight - model.embeddingScale(terms: terms[i]) * largestScale
        }
        let pairs = ParallelMap.chunked(count: n, chunkSize: max(64, n / (ParallelMap.workers * 8))) { range in
            range.flatMap { i in
                related.list(of: i).prefix { $0.score >= floor(i) }.compactMap { j, score in
                    score - scorer.denseContribution(i, j) >= bodyFloor && scorer.bodyCosine(i, j) >= threshold
                        ? (Int32(i), Int32(j)) : nil
                }
            }
        }
        var parent = (0..<Int32(n)).map { $0 }
        func root(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        for (i, j) in pairs {
            let a = root(i)
            let b = root(j)
            if a != b { parent[Int(max(a, b))] = min(a, b) }
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
