public import Hummingbird

/// Why the service answered a request with an error. Every case becomes a JSON body `{"error": "..."}` whose
/// message says what was wrong and, where it helps, what to send instead.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No article has this id in the index being served (404).
    case unknownArticle(String)
    /// No route matches the method and path (404).
    case unknownRoute(method: String, path: String)
    /// An id in the path (`kind`: article id, topic id) is not valid percent-encoded UTF-8 (400).
    case invalidPathSegment(String, kind: String)
    /// `k` is not an integer in `1...maxK` (400).
    case invalidK(String, maxK: Int)
    /// The body is not valid UTF-8 (400).
    case invalidUTF8
    /// The body is not the expected JSON; `detail` names the field or the syntax error (400).
    case invalidJSON(detail: String)
    /// The text has neither a title nor a body (400).
    case emptyText
    /// The body is larger than the service accepts (413).
    case bodyTooLarge(limit: Int)
    /// No index has been loaded yet (503).
    case noIndex(path: String)
    /// The service is stopping and finishing the requests in flight (503 from `/readyz`).
    case draining
    /// Anything else; the details are logged, not sent (500).
    case internalError
    /// A query parameter or body field has a value the query cannot take (400).
    case invalidParameter(name: String, value: String, expected: String)
    /// No topic has this id (404).
    case unknownTopic(String)
    /// The index being served was built without topics (409): a rebuild adds them.
    case noTopics

    /// The HTTP status this error is answered with.
    public var status: HTTPResponse.Status {
        switch self {
        case .unknownArticle, .unknownRoute, .unknownTopic: .notFound
        case .invalidPathSegment, .invalidK, .invalidUTF8, .invalidJSON, .emptyText, .invalidParameter: .badRequest
        case .noTopics: .conflict
        case .bodyTooLarge: .contentTooLarge
        case .noIndex, .draining: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }

    public var description: String {
        switch self {
        case .unknownArticle(let id): "no article with id '\(id)' in the index"
        case .unknownRoute(let method, let path): "no route for \(method) \(path)"
        case .invalidPathSegment(let raw, let kind): "the \(kind) '\(raw)' is not valid percent-encoded UTF-8"
        case .invalidK(let value, let maxK): "k must be an integer from 1 to \(maxK), got '\(value)'"
        case .invalidUTF8: "the body is not valid UTF-8"
        case .invalidJSON(let detail):
            "the body must be a JSON object {\"title\": string, \"body\": string, \"k\": integer}: \(detail)"
        case .emptyText: "the text has neither a title nor a body"
        case .bodyTooLarge(let limit): "the body is larger than \(limit) bytes"
        case .noIndex(let path): "no index is loaded yet (waiting for \(path))"
        case .draining: "draining: the service is stopping and finishes the requests in flight"
        case .internalError: "internal error"
        case .invalidParameter(let name, let value, let expected): "\(name) '\(value)': expected \(expected)"
        case .unknownTopic(let id): "no topic '\(id)' in the index (GET /v1/topics lists them)"
        case .noTopics: "the index being served has no topics: rebuild it with 'recommend index' to add them"
        }
    }
}
