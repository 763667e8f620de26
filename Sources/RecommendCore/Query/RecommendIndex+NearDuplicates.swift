extension RecommendIndex {
    /// Near-duplicate collapse, the one definition every list goes through (an article's, a text's): walking
    /// `articles` best first, the first article of each near-duplicate group is kept and the group's later
    /// articles are attached to it as "also published as"; articles in the group of `query` (an indexed article's
    /// own re-publications) are left out and returned apart.
    /// - Parameters:
    ///   - articles: article positions, best first.
    ///   - query: the article the list is for, nil for a text that is not in the index.
    /// - Returns: the positions in `articles` kept, each with the ids collapsed into it, and the ids of the
    ///   query's own group.
    /// - Complexity: O(articles.count) expected.
    public func collapsingNearDuplicates(_ articles: [Int], query: Int?) -> (
        kept: [(position: Int, alsoPublishedAs: [String])], ofQuery: [String]
    ) {
        let own = query.map { duplicateGroup(of: $0) }
        var kept: [(position: Int, alsoPublishedAs: [String])] = []
        var ofQuery: [String] = []
        var slot: [Int: Int] = [:]
        for (position, article) in articles.enumerated() {
            let group = duplicateGroup(of: article)
            if group == own {
                ofQuery.append(id(article))
            } else if let k = slot[group] {
                kept[k].alsoPublishedAs.append(id(article))
            } else {
                slot[group] = kept.count
                kept.append((position, []))
            }
        }
        return (kept, ofQuery)
    }

    /// How many articles are not the first of their near-duplicate group: the most that collapsing can remove
    /// from a list, so a text's search that keeps `k` plus this many always has `k` groups to show.
    /// - Complexity: O(count).
    func collapsibleArticles() -> Int {
        guard duplicateGroups != nil else { return 0 }
        return (0..<count).count { duplicateGroup(of: $0) != $0 }
    }
}
