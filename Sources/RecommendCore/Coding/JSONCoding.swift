internal import Foundation

/// The JSON settings of every file and output the project writes or reads: sorted keys and unescaped slashes, so
/// output is stable and URLs read as they are. One encoder and one decoder, shared (encoding and decoding do not
/// mutate them).
public enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let prettyEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }()

    static let decoder = JSONDecoder()

    /// `value` as JSON bytes.
    public static func bytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        Array(try encoder.encode(value))
    }

    /// `value` as one line of JSON.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `value` as indented JSON, for people reading a program's output.
    public static func pretty<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try prettyEncoder.encode(value), as: UTF8.self)
    }

    /// Decodes `T` from JSON bytes.
    /// - Throws: `DecodingError` saying where the bytes are not a `T`.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Sequence<UInt8>) throws -> T {
        try decoder.decode(type, from: Data(bytes))
    }
}
