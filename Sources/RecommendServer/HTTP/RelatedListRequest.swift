internal import RecommendCore

/// A related-list request read from URL query parameters: `k` checked against the service's limits and every
/// other control through `RelatedQuery(parameters:)`. The JSON route, the reader's block and the console read
/// their controls through this one type, so the same parameters give the same list everywhere.
struct RelatedListRequest: Sendable {
    /// The controls, `limit` set to `k`.
    var query: RelatedQuery
    /// How many entries were asked for.
    var k: Int

    /// - Throws: `ServiceError.invalidK` or `QueryError.invalidControl` naming the parameter.
    init(parameters: [(name: String, value: String)], defaultK: Int, maxK: Int) throws {
        k = try Self.k(parameters.first { $0.name == "k" }?.value, defaultK: defaultK, maxK: maxK)
        query = try RelatedQuery(parameters: parameters.filter { $0.name != "k" })
        query.limit = k
    }

    /// `k` from a request: `defaultK` when absent, else an integer in `1...maxK`.
    static func k(_ text: String?, defaultK: Int, maxK: Int) throws(ServiceError) -> Int {
        guard let text else { return defaultK }
        guard let k = Int(text), (1...maxK).contains(k) else { throw .invalidK(text, maxK: maxK) }
        return k
    }

    /// The query cut to the `stored` entries per article the index keeps, with the `X-Related-Truncated` message
    /// when `k` asked for more.
    func limited(toStored stored: Int) -> (query: RelatedQuery, truncated: String?) {
        var query = query
        query.limit = min(k, stored)
        return (query, k > stored ? "asked for \(k), the index stores \(stored) per article" : nil)
    }
}
