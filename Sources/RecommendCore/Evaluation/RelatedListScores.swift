/// Precision, recall and reciprocal rank of related lists against corpus labels, with exactly the
/// definitions of `docs/relevance.md` (those of the reference scorer `evaluate.py`). A result is a hit when it shares at
/// least one label with the query article.
///
/// * Queries are the articles with at least one label that have a list (in list order; a repeated list is
///   ignored).
/// * P@k: hits among the first k results / k; a list shorter than k counts its missing places as misses.
/// * R@k: hits among the first k / the other articles of the corpus sharing a label with the query,
///   averaged over the queries that have at least one such article.
/// * MRR@k: 1 / rank of the first hit in the first k (0 when none).
/// * Defects are counted, never dropped: a query in its own list, an id twice in one list, result ids not
///   in the corpus, lists shorter than k, lists of ids not in the corpus, corpus articles without a list.
public struct RelatedListScores: Sendable, Equatable {
    /// The cut-off rank.
    public var k: Int
    /// Articles scored.
    public var queries: Int
    /// Mean P@k, nil without queries.
    public var precision: Double?
    /// Mean R@k, nil without queries that have another article sharing a label.
    public var recall: Double?
    /// Mean MRR@k, nil without queries.
    public var reciprocalRank: Double?
    /// Defect counts by the reference scorer's names (`"lists shorter than 10"`, ...).
    public var defects: [String: Int]

    /// Scores `lists` (query id and result ids, best first) against `corpus` at cut-off `k`.
    /// - Complexity: O(total list length + corpus size), plus O(corpus size) per query with several labels.
    public init(lists: [(id: String, related: [String])], corpus: CorpusLabels, k: Int) {
        self.k = k
        var defects: [String: Int] = [:]
        var precisionSum = 0.0
        var recallSum = 0.0
        var rankSum = 0.0
        var queries = 0
        var recallQueries = 0
        var seen = Set<ArticleID>()
        for (text, listed) in lists {
            let id = ArticleID(text)
            let related = listed.map { ArticleID($0) }
            guard let queryLabels = corpus.labels[id] else {
                defects["query id not in corpus", default: 0] += 1
                continue
            }
            guard seen.insert(id).inserted else {
                defects["query listed twice", default: 0] += 1
                continue
            }
            if related.contains(id) { defects["query in its own list", default: 0] += 1 }
            if Set(related).count != related.count { defects["id twice in one list", default: 0] += 1 }
            let unknown = related.filter { corpus.labels[$0] == nil }.count
            if unknown > 0 { defects["result ids not in corpus", default: 0] += unknown }
            if related.count < k { defects["lists shorter than \(k)", default: 0] += 1 }
            let wanted = Set(queryLabels)
            guard !wanted.isEmpty else { continue }
            let hits = related.filter { $0 != id }.prefix(k).map { !wanted.isDisjoint(with: corpus.labels[$0] ?? []) }
            let hitCount = Double(hits.filter { $0 }.count)
            queries += 1
            precisionSum += hitCount / Double(k)
            if let first = hits.firstIndex(of: true) { rankSum += 1 / Double(first + 1) }
            let relevant = corpus.relevantCount(for: id)
            if relevant > 0 {
                recallQueries += 1
                recallSum += hitCount / Double(relevant)
            }
        }
        let missing = corpus.labels.keys.filter { !seen.contains($0) }.count
        if missing > 0 { defects["corpus articles with no list"] = missing }
        self.queries = queries
        precision = queries > 0 ? precisionSum / Double(queries) : nil
        recall = recallQueries > 0 ? recallSum / Double(recallQueries) : nil
        reciprocalRank = queries > 0 ? rankSum / Double(queries) : nil
        self.defects = defects
    }
}
