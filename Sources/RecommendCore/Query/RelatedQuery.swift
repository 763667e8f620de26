/// What a reader or an editor asks of one related list beyond "the best `limit`": recency, filters,
/// diversity, explanations and near-duplicate collapse. Every control works inside the stored list (the
/// index's `neighbours` best, 50 by default): a filter that removes most of it gives a shorter list, never
/// articles from outside it. The CLI's flags and the HTTP service's query parameters both map to this value.
public struct RelatedQuery: Sendable, Equatable {
    /// Which categories may appear, relative to the query article's.
    public enum CategoryFilter: String, Sendable, Equatable, CaseIterable {
        /// No restriction.
        case any
        /// Only articles with the query article's category (none when it has no category).
        case same
        /// Only articles whose category differs from the query article's (an article without one differs).
        case other
    }

    /// How many related articles. Default 10.
    public var limit = 10
    /// Recency decay: a candidate's score is multiplied by `0.5^(days between the two articles / halfLifeDays)`,
    /// so an article `halfLifeDays` away counts half as much as one published the same day. nil: no decay
    /// (default). Not applied when either article has no date.
    public var halfLifeDays: Double?
    /// Only articles published before the query article, so the list of an archived article never changes
    /// when newer ones arrive. Undated candidates are left out; no effect when the query article is undated.
    public var olderOnly = false
    /// Only articles published at most this many days before or after the query article. Undated candidates
    /// are left out; no effect when the query article is undated.
    public var withinDays: Double?
    /// Category restriction. Default `.any`.
    public var category = CategoryFilter.any
    /// Article ids never to show (compared byte for byte).
    public var excluded: Set<ArticleID> = []
    /// Only articles published at or after this time (seconds since the epoch); undated ones are left out.
    public var publishedFrom: Int64?
    /// Only articles published at or before this time (seconds since the epoch); undated ones are left out.
    public var publishedTo: Int64?
    /// Maximal marginal relevance: pick, one at a time, the candidate maximising
    /// `lambda × score − (1 − lambda) × max(pair score with the articles already picked)`. 1 is plain ranking,
    /// lower values trade relevance for variety. nil: off (default).
    public var diversityLambda: Double?
    /// Attach to each entry the terms that contributed most to its score. Default off.
    public var explain = false
    /// Terms per explanation. Default 5.
    public var explanationTerms = 5
    /// Show one article of each near-duplicate group (the best ranked), listing the others in
    /// `alsoPublishedAs`; near-duplicates of the query article itself are left out. Default on.
    public var collapseDuplicates = true
    /// When filters or blocks leave the list shorter than `limit`, fill it with articles of the query article's
    /// topic, newest first, under the same filters and blocks, each marked `fallback`. Default off.
    public var fallbackToTopic = false

    public init() {}

    /// Whether answering needs the article vectors (`RecommendIndex.loadModel()`).
    public var needsVectors: Bool { explain || diversityLambda != nil }

    /// Parses a date bound given as ISO 8601 (`2026-03-14`, `2026-03-14T09:30:00Z`, ...). A bare date used as
    /// an upper bound means the end of that day (UTC).
    /// - Returns: seconds since the epoch, or nil when `text` is not an accepted date.
    public static func dateBound(_ text: String, endOfDay: Bool) -> Int64? {
        guard let seconds = ISO8601Date.parse(text) else { return nil }
        return endOfDay && text.utf8.count == 10 ? seconds + 86_399 : seconds
    }
}
