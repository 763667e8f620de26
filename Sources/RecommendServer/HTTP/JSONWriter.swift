/// JSON for the responses on the hot path (related lists, with every optional field a control can add, and
/// article summaries), written by hand in the same form as `JSONEncoder` with sorted keys: under load
/// Foundation's encoder took about a third of the service's CPU time on these. A test checks the bytes against
/// `JSONEncoder` for every sample article, with and without the optional fields.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (i, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                escape(byte)
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        case UInt8(ascii: "\n"): raw("\\n")
        case UInt8(ascii: "\r"): raw("\\r")
        case UInt8(ascii: "\t"): raw("\\t")
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            raw("\\u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        }
    }

    mutating func bool(_ value: Bool) {
        value ? raw("true") : raw("false")
    }

    /// A JSON array of strings.
    mutating func strings(_ values: [String]) {
        raw("[")
        for (n, value) in values.enumerated() {
            if n > 0 { raw(",") }
            string(value)
        }
        raw("]")
    }

    /// A JSON array of values that write themselves.
    mutating func array(_ values: [some JSONWritable]) {
        raw("[")
        for (n, value) in values.enumerated() {
            if n > 0 { raw(",") }
            value.write(to: &self)
        }
        raw("]")
    }

    mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A finite `Float` as `JSONEncoder` writes it: the shortest form that reads back the same, without ".0".
    mutating func number(_ value: Float) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }
}

/// A response body that can be written without `JSONEncoder`.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}
