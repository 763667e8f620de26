internal import Foundation
internal import HTTPTypes
internal import Hummingbird

extension Response {
    /// One encoder for every response: sorted keys, as the CLI's JSON output. Encoding does not mutate it, so it
    /// is shared between requests.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A response whose body is `value` as JSON.
    static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) throws -> Response {
        let data = try encoder.encode(value)
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension HTTPField.Name {
    /// The generation of the index that answered (see `IndexMetadata.generation`).
    static let indexGeneration = Self("X-Index-Generation")!
    /// Set when fewer related articles were returned than asked for because the index stores fewer.
    static let relatedTruncated = Self("X-Related-Truncated")!
}
