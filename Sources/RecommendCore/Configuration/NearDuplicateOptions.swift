/// How near-duplicate articles (re-publications, light rewrites) are grouped at index time.
public struct NearDuplicateOptions: Sendable, Codable, Equatable {
    /// Two articles in each other's related lists whose body TF-IDF cosine is at least this are one text.
    /// Light rewrites of one wire story score 0.8-0.95 on `Data/`; different outlets' reports of one event
    /// (ECB+) rarely pass 0.6, so grouping them would hide real alternatives. Default 0.8.
    public var bodyCosine: Float = 0.65

    public init() {}
}
