internal import Hummingbird
internal import RecommendCore

/// The topic routes under `/v1`, as `recommend topics --json` and `recommend topic <id> --json`:
///
/// - `GET topics`: every topic (id, label terms, size, most central headlines), largest first.
/// - `GET topics/{id}?limit=`: one topic (`t7` or `7`) with its articles, most central first; all of them unless
///   `limit` says how many.
///
/// An unknown topic is a 404; an index built without topics is a 409 saying to rebuild it.
struct TopicController<Context: RequestContext>: Sendable {
    let served: ServedIndex

    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("topics", use: topics)
        routes.get("topics/:id", use: topic)
        return routes
    }

    @Sendable func topics(_ request: Request, context: Context) async throws -> Response {
        let snapshot = try served.require()
        let index = snapshot.index
        return try Response.json(
            try index.topics().map { index.summary(of: $0) },
            headers: snapshot.cacheHeaders)
    }

    @Sendable func topic(_ request: Request, context: Context) async throws -> Response {
        let limit = try validatedLimit(request.uri.queryParameters["limit"].map(String.init))
        let name = try context.parameters.decoded("id", kind: "topic id")
        let snapshot = try served.require()
        let index = snapshot.index
        return try Response.json(
            index.response(for: try index.topic(named: name), limit: limit ?? .max),
            headers: snapshot.cacheHeaders)
    }

    /// `limit` from a request: `nil` (every article) when absent, else a whole number, 1 or more.
    private func validatedLimit(_ text: String?) throws(ServiceError) -> Int? {
        guard let text else { return nil }
        guard let limit = Int(text), limit >= 1 else {
            throw .invalidParameter(name: "limit", value: text, expected: "a whole number, 1 or more")
        }
        return limit
    }
}
