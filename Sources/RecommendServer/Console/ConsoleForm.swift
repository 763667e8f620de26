internal import Foundation
internal import Hummingbird

/// The fields of an HTML form post (`application/x-www-form-urlencoded`), the last value of a repeated name.
struct ConsoleForm {
    private var fields: [String: String] = [:]

    subscript(_ name: String) -> String? { fields[name] }

    /// Reads a form body of at most `limit` bytes.
    /// - Throws: `ServiceError.bodyTooLarge`, `ServiceError.invalidUTF8`.
    static func read(_ request: Request, limit: Int) async throws -> ConsoleForm {
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw ServiceError.bodyTooLarge(limit: limit)
        }
        guard let text = String(validating: Array(buffer: bytes), as: UTF8.self) else { throw ServiceError.invalidUTF8 }
        return ConsoleForm(encoded: text)
    }

    /// Parses `name=value&...`, `+` as a space and percent escapes decoded.
    init(encoded text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
    }
}
