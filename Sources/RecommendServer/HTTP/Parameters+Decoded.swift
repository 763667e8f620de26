internal import Foundation
internal import Hummingbird

extension Parameters {
    /// The path parameter `name`, percent-decoded (the router matches the raw path).
    /// - Throws: `ServiceError.invalidPathSegment` (naming `kind`) for bytes that are not percent-encoded UTF-8.
    func decoded(_ name: String, kind: String) throws -> String {
        let raw = try require(name)
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        guard let decoded = raw.removingPercentEncoding else { throw ServiceError.invalidPathSegment(raw, kind: kind) }
        return decoded
    }
}
