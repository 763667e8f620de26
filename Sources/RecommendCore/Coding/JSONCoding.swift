internal import Foundation

/// The JSON settings used for every file and output the project writes: sorted keys, so output is stable.
public enum JSONCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static var decoder: JSONDecoder { JSONDecoder() }

    /// `value` as one line of JSON.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `value` as indented JSON, for people reading a program's output.
    public static func pretty<T: Encodable>(_ value: T) throws -> String {
        let encoder = encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes `T` from JSON bytes.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: some Sequence<UInt8>) throws -> T {
        try decoder.decode(type, from: Data(bytes))
    }
}
