internal import Foundation
internal import RecommendCore

/// The body of `POST /v1/related`: a text that is not in the index.
struct TextQuery: Decodable, Sendable {
    var title: String?
    var body: String?
    /// `k` as the client wrote the number, checked by the route as the query parameter is (so `2.5` and `0` get
    /// the same message there and here).
    var k: String?

    private enum CodingKeys: String, CodingKey {
        case title, body, k
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        body = try container.decodeIfPresent(String.self, forKey: .body)
        if let integer = try? container.decodeIfPresent(Int.self, forKey: .k) {
            k = String(integer)
        } else {
            k = try container.decodeIfPresent(Double.self, forKey: .k).map { "\($0)" }
        }
    }

    /// Decodes a request body, saying precisely what is wrong with a bad one.
    /// - Throws: `ServiceError.invalidUTF8` or `ServiceError.invalidJSON`.
    static func decode(_ bytes: [UInt8]) throws(ServiceError) -> TextQuery {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .invalidUTF8 }
        do {
            return try JSONCoding.decode(TextQuery.self, from: bytes)
        } catch let error as DecodingError {
            throw .invalidJSON(detail: Self.explain(error))
        } catch {
            throw .invalidJSON(detail: "\(error)")
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        func field(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return "expected an object"
        case .typeMismatch(_, let context):
            return
                "'\(field(context))' must be \(context.codingPath.last?.stringValue == "k" ? "a number" : "a string")"
        case .valueNotFound(_, let context), .keyNotFound(_, let context):
            return "'\(field(context))' is missing"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not valid JSON"
        case .dataCorrupted(let context):
            return "'\(field(context))' is not valid: \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
