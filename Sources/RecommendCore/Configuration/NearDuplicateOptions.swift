/// How near-duplicate articles (re-publications, light rewrites) are grouped at index time.
public struct NearDuplicateOptions: Sendable, Codable, Equatable {
    /// Two articles in one's stored related list whose body TF-IDF cosine is at least this are one text.
    /// On `Data/` the seven re-filed stories score 0.69-0.91 and the closest pair of different articles 0.59.
    /// Agency copy lightly edited by two outlets scores 0.65-1 (ECB+); a reply quoting its original in full
    /// can pass too (20 Newsgroups), so forum-like content wants 0.85. Measurements in `docs/relevance.md`.
    /// Default 0.65.
    public var bodyCosine: Float = 0.65

    public init() {}
}
