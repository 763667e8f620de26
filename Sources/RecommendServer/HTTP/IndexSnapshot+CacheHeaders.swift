internal import HTTPTypes

extension IndexSnapshot {
    /// The headers of a GET answered from this snapshot alone: its generation, an entity tag that changes
    /// exactly when the index generation or the overrides do (`ConditionalRequestMiddleware` answers a matching
    /// `If-None-Match` with 304), and a short public cache lifetime.
    var cacheHeaders: HTTPFields {
        [
            .indexGeneration: String(generation), .eTag: "\"g\(generation)-o\(overridesVersion)\"",
            .cacheControl: "public, max-age=60",
        ]
    }
}
