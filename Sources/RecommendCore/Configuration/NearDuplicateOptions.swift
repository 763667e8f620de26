/// How near-duplicate articles (re-publications, light rewrites) are grouped at index time.
public struct NearDuplicateOptions: Sendable, Codable, Equatable {
    /// Two articles in one's stored related list whose body TF-IDF cosine is at least this are one text: a
    /// re-publication or a light edit, not an independent report. Independent reports of one event by different
    /// outlets share names and facts but not sentences, and stay below (ECB+: the strict R@10 keeps above the
    /// TF-IDF anchor at 0.9 and falls below it at 0.85; a reply quoting its original in full scores about 0.7-0.9
    /// on 20 Newsgroups). Measurements in `docs/relevance.md`. Default 0.9.
    public var bodyCosine: Float = 0.9

    public init() {}
}
