internal import RecommendCore

/// The body of `POST /v1/related`: a text that is not in the index.
struct TextQuery: Sendable {
    var title: String?
    var body: String?
    /// `k` as the client wrote the number, checked by the route as the query parameter is (so `2.5`, `0` and
    /// `1e400` get the same message there and here).
    var k: String?
    /// The text's own embedding, for an index built from a feed's own vectors.
    var embedding: [Float]?

    /// Decodes a request body, saying precisely what is wrong with a bad one: the field and the value given.
    /// Read with the package's own JSON reader, which keeps a number's literal (Foundation's refuses `1e400`
    /// as "not valid JSON"). Unknown members are ignored; a `null` member counts as absent.
    /// - Throws: `ServiceError.invalidUTF8` or `ServiceError.invalidJSON`.
    static func decode(_ bytes: [UInt8]) throws(ServiceError) -> TextQuery {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .invalidUTF8 }
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes)
        } catch {
            throw .invalidJSON(detail: "not valid JSON (\(error.reason) at byte \(error.offset))")
        }
        guard document.members != nil else { throw .invalidJSON(detail: "got \(document.kind)") }
        func text(_ name: String) throws(ServiceError) -> String? {
            switch document[name] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case let other?: throw .invalidJSON(detail: "'\(name)' must be a string, got \(other.kind)")
            }
        }
        let k: String?
        switch document["k"] {
        case nil, .null?: k = nil
        case .integer(let integer)?: k = String(integer)
        case .number(let literal)?: k = literal
        case let other?: throw .invalidJSON(detail: "'k' must be a number, got \(other.kind)")
        }
        var embedding: [Float]?
        switch document["embedding"] {
        case nil, .null?: break
        case .array(let items)?:
            let numbers = items.compactMap { item -> Float? in
                switch item {
                case .integer(let integer): Float(integer)
                case .number(let literal): Float(literal).flatMap { $0.isFinite ? $0 : nil }
                default: nil
                }
            }
            guard !numbers.isEmpty, numbers.count == items.count else {
                throw .invalidJSON(detail: "'embedding' must be a non-empty list of finite numbers")
            }
            embedding = numbers
        case let other?: throw .invalidJSON(detail: "'embedding' must be a list of numbers, got \(other.kind)")
        }
        return TextQuery(title: try text("title"), body: try text("body"), k: k, embedding: embedding)
    }
}
