internal import Foundation

/// Answers related-list queries with their controls (`RelatedQuery`) and the editorial overrides, from an
/// index's stored lists. Immutable and `Sendable`: one ranker serves any number of concurrent queries, and
/// a service swaps in a new one when it reloads the index or the overrides.
///
/// Order of work on the stored list of the query article: blocks and excluded ids, filters (category,
/// dates), recency decay (then re-sorted), near-duplicate collapse, diversity (MMR) or plain cut to
/// `limit`, pins, the topic fallback when asked, explanations.
public struct RelatedRanker: Sendable {
    public let index: RecommendIndex
    public private(set) var overrides: RelatedOverrides
    /// Pair scores and term contributions; nil unless opened with `loadingVectors`.
    let scorer: PairScorer?
    /// The readers' form of each term id (empty unless opened with `loadingVectors`).
    let displayForms: [String]

    /// A ranker over `index`.
    /// - Parameter loadingVectors: load the vocabulary and article vectors, needed for explanations and
    ///   diversity (`RelatedQuery.needsVectors`). They are copied into memory: about the size of the
    ///   index's vector sections.
    /// - Throws: `IndexFileError` when the vector sections are damaged.
    public init(index: RecommendIndex, overrides: RelatedOverrides = .none, loadingVectors: Bool) throws {
        self.init(index: index, overrides: overrides, model: loadingVectors ? try index.loadModel() : nil)
    }

    /// A ranker over `index` with its model already loaded (shared with a `TextSearcher`), or nil for a ranker
    /// without explanations and diversity.
    public init(index: RecommendIndex, overrides: RelatedOverrides = .none, model loaded: RecommendIndex.Model?) {
        self.index = index
        self.overrides = overrides
        if let loaded {
            scorer = PairScorer(
                vectors: loaded.vectors, weighting: index.metadata.configuration.weighting, semantic: loaded.semantic,
                embedding: loaded.embedding)
            let model = loaded.model
            displayForms = model.vocabulary.displayForms
        } else {
            scorer = nil
            displayForms = []
        }
    }

    /// The same ranker with other overrides, for an editor's change served without reloading the index.
    public func replacingOverrides(_ overrides: RelatedOverrides) -> RelatedRanker {
        var ranker = self
        ranker.overrides = overrides
        return ranker
    }

    /// A candidate on its way through the controls.
    private struct Candidate {
        var article: Int
        /// The stored pair score.
        var similarity: Float
        /// The score after recency decay.
        var score: Float
        var alsoPublishedAs: [String] = []
        var pinned = false
        var fallback = false
    }

    /// The related list of article `i` under `query`.
    /// - Throws: `QueryError.invalidControl` for a query `validate()` refuses, `QueryError.beyondStoredList`
    ///   when `query.limit` exceeds the stored width, `QueryError.vectorsNotLoaded` when the query needs
    ///   vectors this ranker was opened without, and `IndexFileError.malformed` when the stored list points
    ///   outside the index.
    /// - Complexity: O(stored width) plus, with diversity, O(limit × width) pair scores, and with
    ///   explanations O(limit) term decompositions.
    public func related(to i: Int, _ query: RelatedQuery) throws -> RelatedResponse {
        try query.validate()
        let width = index.metadata.neighbours
        guard query.limit <= width else { throw QueryError.beyondStoredList(requested: query.limit, stored: width) }
        guard scorer != nil || !query.needsVectors else { throw QueryError.vectorsNotLoaded }
        var candidates = try filteredAndDecayed(i, query)
        let topic = index.topic(ofArticle: i)
        try index.checkArticles((overrides.pins[i]?.map(\.article) ?? []) + (topic?.centralArticles ?? []))
        var duplicatesOfQuery: [String] = []
        if query.collapseDuplicates { (candidates, duplicatesOfQuery) = collapsed(candidates, query: i) }
        if let lambda = query.diversityLambda, let scorer {
            candidates = Self.diversified(candidates, limit: query.limit, lambda: Float(lambda), scorer: scorer)
        } else {
            candidates = Array(candidates.prefix(query.limit))
        }
        candidates = pinned(candidates, query: i, excluded: query.excluded)
        if query.fallbackToTopic, candidates.count < query.limit, let topic {
            candidates += topicFallback(
                i, topic: topic, query, count: query.limit - candidates.count,
                present: Set(candidates.map(\.article)))
        }
        let related = candidates.prefix(query.limit).enumerated().map { rank, c in
            RelatedArticle(
                rank: rank + 1, score: c.score, article: index.article(c.article),
                alsoPublishedAs: c.alsoPublishedAs.isEmpty ? nil : c.alsoPublishedAs, pinned: c.pinned ? true : nil,
                explanation: query.explain ? explanation(i, c.article, terms: query.explanationTerms) : nil,
                fallback: c.fallback ? true : nil)
        }
        return RelatedResponse(
            article: index.article(i), related: related,
            alsoPublishedAs: duplicatesOfQuery.isEmpty ? nil : duplicatesOfQuery,
            topic: topic.map { index.summary(of: $0) })
    }

    /// The stored list of `i` without blocked, excluded and filtered-out articles, recency decay applied and
    /// re-sorted by the decayed score (ties keep the stored order).
    private func filteredAndDecayed(_ i: Int, _ query: RelatedQuery) throws -> [Candidate] {
        var candidates: [Candidate] = []
        for (j, similarity) in try index.storedList(of: i) {
            guard let score = admitted(j, to: i, similarity: similarity, query) else { continue }
            candidates.append(Candidate(article: j, similarity: similarity, score: score))
        }
        guard query.halfLifeDays != nil else { return candidates }
        return candidates.enumerated().sorted {
            $0.element.score > $1.element.score || ($0.element.score == $1.element.score && $0.offset < $1.offset)
        }.map(\.element)
    }

    /// The score of `j` in the list of `i` after recency decay, or nil when a block, an excluded id or a filter
    /// (category, dates) keeps it out: the one test every candidate of a list passes, stored or fallback.
    private func admitted(_ j: Int, to i: Int, similarity: Float, _ query: RelatedQuery) -> Float? {
        guard overrides.allows(j, in: i), query.excluded.isEmpty || !query.excluded.contains(ArticleID(index.id(j)))
        else { return nil }
        let queryCategory = index.category(i)
        switch query.category {
        case .any: break
        case .same: guard queryCategory != nil, index.category(j) == queryCategory else { return nil }
        case .other: guard index.category(j) != queryCategory else { return nil }
        }
        let date = index.publishedSeconds(j)
        if query.publishedFrom != nil || query.publishedTo != nil {
            guard let date, date >= query.publishedFrom ?? .min, date <= query.publishedTo ?? .max else { return nil }
        }
        var score = similarity
        if let queryDate = index.publishedSeconds(i) {
            if query.olderOnly { guard let date, date < queryDate else { return nil } }
            if let days = query.withinDays {
                guard let date, abs(Double(date) - Double(queryDate)) <= days * 86_400 else { return nil }
            }
            if let halfLife = query.halfLifeDays, let date {
                score *= Float(pow(0.5, abs(Double(date) - Double(queryDate)) / 86_400 / halfLife))
            }
        }
        return score
    }

    /// Up to `count` articles of `i`'s topic that the list does not hold, newest first (undated last), each
    /// admitted by the list's blocks and filters and outside `i`'s near-duplicate group, marked as fallback.
    /// - Complexity: O(articles) to gather the topic, plus O(m log m) for its m members.
    private func topicFallback(_ i: Int, topic: Topic, _ query: RelatedQuery, count: Int, present: Set<Int>)
        -> [Candidate]
    {
        let own = index.duplicateGroup(of: i)
        var members: [(article: Int, date: Int64, score: Float)] = []
        for (j, _) in index.articles(inTopic: topic.id)
        where j != i && !present.contains(j) && index.duplicateGroup(of: j) != own {
            let similarity = scorer?.score(i, j) ?? 0
            guard let score = admitted(j, to: i, similarity: similarity, query) else { continue }
            members.append((j, index.publishedSeconds(j) ?? .min, score))
        }
        return members.sorted { ($0.date, -$0.article) > ($1.date, -$1.article) }.prefix(count).map {
            Candidate(article: $0.article, similarity: $0.score, score: $0.score, fallback: true)
        }
    }

    /// One candidate per near-duplicate group (the first), the others' ids attached to it; candidates in the
    /// query's own group are left out and returned as its duplicates (`RecommendIndex.collapsingNearDuplicates`).
    private func collapsed(_ candidates: [Candidate], query i: Int) -> (kept: [Candidate], ofQuery: [String]) {
        let (kept, ofQuery) = index.collapsingNearDuplicates(candidates.map(\.article), query: i)
        return (
            kept.map { entry in
                var candidate = candidates[entry.position]
                candidate.alsoPublishedAs = entry.alsoPublishedAs
                return candidate
            }, ofQuery
        )
    }

    /// `candidates` with the editorial pins of `i` in place (in position order), unless blocked or excluded.
    private func pinned(_ candidates: [Candidate], query i: Int, excluded: Set<ArticleID>) -> [Candidate] {
        var list = candidates
        for pin in overrides.pins[i] ?? []
        where pin.article != i && overrides.allows(pin.article, in: i)
            && !excluded.contains(ArticleID(index.id(pin.article)))
        {
            list.removeAll { $0.article == pin.article }
            let stored = (try? index.storedList(of: i))?.first { $0.article == pin.article }?.score
            let similarity = stored ?? scorer?.score(i, pin.article) ?? 0
            list.insert(
                Candidate(article: pin.article, similarity: similarity, score: similarity, pinned: true),
                at: min(pin.position - 1, list.count))
        }
        return list
    }

    /// Greedy maximal marginal relevance over `candidates` (best first).
    /// - Complexity: O(limit × candidates) pair scores.
    private static func diversified(_ candidates: [Candidate], limit: Int, lambda: Float, scorer: PairScorer)
        -> [Candidate]
    {
        var remaining = candidates
        var redundancy = [Float](repeating: 0, count: remaining.count)
        var picked: [Candidate] = []
        while picked.count < limit, !remaining.isEmpty {
            var best = 0
            var bestValue = -Float.infinity
            for (k, c) in remaining.enumerated() {
                let value = lambda * c.score - (1 - lambda) * redundancy[k]
                if value > bestValue {
                    bestValue = value
                    best = k
                }
            }
            let chosen = remaining.remove(at: best)
            redundancy.remove(at: best)
            picked.append(chosen)
            for (k, c) in remaining.enumerated() {
                redundancy[k] = max(redundancy[k], scorer.score(chosen.article, c.article))
            }
        }
        return picked
    }

    /// The terms that contributed most to the score of `a` and `b`.
    private func explanation(_ a: Int, _ b: Int, terms: Int) -> Explanation? {
        guard let scorer else { return nil }
        let contributions = scorer.contributions(a, b)
        let dense = scorer.denseParts(a, b)
        let similarity = contributions.reduce(dense.latent + dense.embedding) { $0 + $1.contribution }
        func share(_ x: Float) -> Float { similarity > 0 ? x / similarity : 0 }
        return Explanation(
            similarity: similarity,
            terms: contributions.prefix(max(0, terms)).map {
                Explanation.Term(term: displayForms[Int($0.term)], contribution: $0.contribution, share: share($0.contribution))
            },
            topic: scorer.model.blendsLatent
                ? Explanation.Term(term: "(topic)", contribution: dense.latent, share: share(dense.latent)) : nil,
            meaning: scorer.model.blendsEmbedding
                ? Explanation.Term(term: "(meaning)", contribution: dense.embedding, share: share(dense.embedding)) : nil)
    }
}
