/// Encodes section payloads as little-endian bytes.
struct SectionEncoder {
    private(set) var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Float) { append(value.bitPattern) }

    mutating func append<T: FixedWidthInteger>(contentsOf values: [T]) {
        bytes.reserveCapacity(bytes.count + values.count * MemoryLayout<T>.size)
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for v in values { append(v) }
        #endif
    }

    mutating func append(contentsOf values: [Float]) { append(contentsOf: values.map(\.bitPattern)) }

    /// A string table: count, count + 1 offsets, then the UTF-8 bytes.
    static func stringTable(_ strings: [String]) -> [UInt8] {
        var encoder = SectionEncoder()
        encoder.append(UInt64(strings.count))
        var offset: UInt64 = 0
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(strings.count + 1)
        for s in strings {
            offset += UInt64(s.utf8.count)
            offsets.append(offset)
        }
        encoder.append(contentsOf: offsets)
        for s in strings { encoder.bytes.append(contentsOf: s.utf8) }
        return encoder.bytes
    }

    static func array<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        var encoder = SectionEncoder()
        encoder.append(contentsOf: values)
        return encoder.bytes
    }

    static func array(_ values: [Float]) -> [UInt8] {
        var encoder = SectionEncoder()
        encoder.append(contentsOf: values)
        return encoder.bytes
    }
}
