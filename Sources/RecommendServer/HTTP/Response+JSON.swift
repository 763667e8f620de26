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
        jsonResponse(ByteBuffer(bytes: try encoder.encode(value)), status: status, headers: headers)
    }

    /// A response whose body is `value` as JSON, written without `JSONEncoder` (same bytes, less time).
    static func json(writing value: some JSONWritable, headers: HTTPFields = [:]) -> Response {
        var writer = JSONWriter(capacity: 4096)
        value.write(to: &writer)
        return jsonResponse(ByteBuffer(bytes: writer.bytes), status: .ok, headers: headers)
    }

    private static func jsonResponse(_ body: ByteBuffer, status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
