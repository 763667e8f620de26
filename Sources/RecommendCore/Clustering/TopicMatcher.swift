/// Gives new clusters the ids of the old topics they continue, by article overlap, and names what changed.
///
/// Only articles present in both builds count. Pairs (new cluster, old topic) are taken greedily by overlap,
/// largest first; a pair is accepted when neither side is taken yet and its Jaccard overlap reaches
/// `minimumJaccard`. Unmatched clusters get fresh ids. A flow from an old topic to a new cluster is large when
/// it carries at least a quarter of the old topic's shared articles and a tenth of the new cluster's: an old
/// topic with two or more large flows out has split, a new cluster with two or more large flows in is a merge.
struct TopicMatcher {
    var minimumJaccard: Double

    /// Ids for clusters `0..<clusterCount` and the changes against `previous`.
    /// - Parameter clusters: the cluster of each article (`-1` for none), in the order of `articleIDs`.
    /// - Complexity: O(articles + pairs × log pairs), pairs ≤ clusters × old topics.
    func match(clusters: [Int32], clusterCount: Int, articleIDs: [String], previous: PreviousTopics) -> (
        ids: [Int], nextID: Int, changes: TopicChanges
    ) {
        var overlap: [Pair: Int] = [:]
        var newShared = [Int](repeating: 0, count: clusterCount)
        var oldShared: [Int: Int] = [:]
        for (i, c) in clusters.enumerated() where c >= 0 {
            guard let old = previous.topicOfArticle[ArticleID(articleIDs[i])] else { continue }
            overlap[Pair(cluster: Int(c), old: old), default: 0] += 1
            newShared[Int(c)] += 1
            oldShared[old, default: 0] += 1
        }
        let pairs = overlap.sorted { ($1.value, $0.key.cluster, $0.key.old) < ($0.value, $1.key.cluster, $1.key.old) }
        var ids = [Int?](repeating: nil, count: clusterCount)
        var taken = Set<Int>()
        for (pair, count) in pairs where ids[pair.cluster] == nil && !taken.contains(pair.old) {
            let union = newShared[pair.cluster] + oldShared[pair.old, default: 0] - count
            guard Double(count) >= minimumJaccard * Double(union) else { continue }
            ids[pair.cluster] = pair.old
            taken.insert(pair.old)
        }
        var nextID = previous.table.nextID
        var changes = TopicChanges()
        let resolved = ids.map { id -> Int in
            if let id { return id }
            defer { nextID += 1 }
            changes.born.append(nextID)
            return nextID
        }
        changes.kept = resolved.filter { taken.contains($0) }.sorted()
        changes.died = previous.table.topics.map(\.id).filter { !taken.contains($0) }.sorted()

        let large = pairs.filter { pair, count in
            4 * count >= oldShared[pair.old, default: 0] && 10 * count >= newShared[pair.cluster]
        }.map(\.key)
        for old in Set(large.map(\.old)).sorted() {
            let into = large.filter { $0.old == old }.map { resolved[$0.cluster] }.sorted()
            if into.count >= 2 { changes.splits.append(TopicChanges.Split(from: old, into: into)) }
        }
        for cluster in Set(large.map(\.cluster)).sorted() {
            let from = large.filter { $0.cluster == cluster }.map(\.old).sorted()
            if from.count >= 2 { changes.merges.append(TopicChanges.Merge(from: from, into: resolved[cluster])) }
        }
        for (pair, count) in overlap {
            changes.sharedArticles += count
            if resolved[pair.cluster] == pair.old { changes.sameTopic += count }
        }
        return (resolved, nextID, changes)
    }

    private struct Pair: Hashable {
        var cluster: Int
        var old: Int
    }
}
