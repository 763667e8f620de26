#if _endian(big)
#error("index files are little-endian and read in place; big-endian hosts are not supported")
#endif

/// The section table of a mapped index file, validated: header, version, length and table checksum are
/// checked when it is opened; each section's own checksum when it is first asked for.
struct IndexSections: Sendable {
    let file: MappedFile
    private let table: [UInt32: (offset: Int, length: Int, checksum: UInt32)]

    init(path: String) throws(IndexFileError) {
        let file = try MappedFile(path: path)
        self.file = file
        let b = file.bytes
        guard b.count >= IndexFormat.headerSize, Array(b[0..<8]) == IndexFormat.magic else {
            throw .notAnIndex(path: path)
        }
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: b.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: b.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        let version = u32(8)
        guard version == IndexFormat.version else {
            throw .unsupportedVersion(path: path, found: version, supported: IndexFormat.version)
        }
        guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: b[0..<28])) == u32(28) else {
            throw .checksumMismatch(path: path, part: "header")
        }
        let expected = u64(16)
        guard expected == UInt64(b.count) else { throw .truncated(path: path, expected: expected, actual: UInt64(b.count)) }
        let count = Int(u32(12))
        let tableEnd = IndexFormat.headerSize + count * IndexFormat.sectionEntrySize
        guard count < 1024, tableEnd <= b.count else { throw .malformed(path: path, detail: "section table out of bounds") }
        guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: b[IndexFormat.headerSize..<tableEnd])) == u32(24) else {
            throw .checksumMismatch(path: path, part: "section table")
        }
        var table: [UInt32: (Int, Int, UInt32)] = [:]
        for s in 0..<count {
            let at = IndexFormat.headerSize + s * IndexFormat.sectionEntrySize
            let offset = u64(at + 8)
            let length = u64(at + 16)
            guard offset % UInt64(IndexFormat.alignment) == 0, offset <= UInt64(b.count),
                length <= UInt64(b.count) - offset
            else { throw .malformed(path: path, detail: "section \(s) lies outside the file") }
            table[u32(at)] = (Int(offset), Int(length), u32(at + 24))
        }
        self.table = table
    }

    var path: String { file.path }

    /// Whether the file has the section (optional sections, such as topics, may be absent).
    func contains(_ tag: SectionTag) -> Bool { table[tag.code] != nil }

    /// Verifies the checksum of every section in the table.
    func verifyAll() throws(IndexFileError) {
        for tag in SectionTag.allCases where contains(tag) { _ = try bytes(tag) }
    }

    /// The verified bytes of a section.
    /// - Throws: `missingSection` or `checksumMismatch`.
    func bytes(_ tag: SectionTag) throws(IndexFileError) -> UnsafeRawBufferPointer {
        guard let entry = table[tag.code] else { throw .missingSection(path: path, section: tag.rawValue) }
        let slice = UnsafeRawBufferPointer(rebasing: file.bytes[entry.offset..<(entry.offset + entry.length)])
        guard Checksum.crc32(slice) == entry.checksum else {
            throw .checksumMismatch(path: path, part: "section \(tag.rawValue)")
        }
        return slice
    }

    /// A verified section read as an array of `T` with exactly `count` elements (when given).
    func array<T: MappedScalar>(_ tag: SectionTag, of type: T.Type, count: Int? = nil) throws(IndexFileError)
        -> MappedArray<T>
    {
        let raw = try bytes(tag)
        guard raw.count % MemoryLayout<T>.size == 0 else {
            throw .malformed(path: path, detail: "section \(tag.rawValue) has a partial element")
        }
        let n = raw.count / MemoryLayout<T>.size
        if let count, n != count {
            throw .malformed(path: path, detail: "section \(tag.rawValue) holds \(n) values, expected \(count)")
        }
        return MappedArray(file: file, base: raw.baseAddress, count: n)
    }

    /// A verified string table with exactly `count` strings (when given).
    func strings(_ tag: SectionTag, count: Int? = nil) throws(IndexFileError) -> MappedStrings {
        let raw = try bytes(tag)
        guard raw.count >= 8 else { throw .malformed(path: path, detail: "string table \(tag.rawValue) is too short") }
        let n = Int(UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)))
        guard n < raw.count, 8 + (n + 1) * 8 <= raw.count else {
            throw .malformed(path: path, detail: "string table \(tag.rawValue) is too short")
        }
        if let count, n != count {
            throw .malformed(path: path, detail: "string table \(tag.rawValue) holds \(n) strings, expected \(count)")
        }
        let offsets = MappedArray<UInt64>(file: file, base: raw.baseAddress! + 8, count: n + 1)
        let textStart = 8 + (n + 1) * 8
        let textLength = UInt64(raw.count - textStart)
        var previous: UInt64 = 0
        for i in 0...n {
            let o = offsets[i]
            guard o >= previous, o <= textLength, i > 0 || o == 0 else {
                throw .malformed(path: path, detail: "string table \(tag.rawValue) has bad offsets")
            }
            previous = o
        }
        return MappedStrings(offsets: offsets, text: raw.baseAddress! + textStart, file: file)
    }
}

/// Scalars that may be read straight from the mapped file.
protocol MappedScalar: Sendable {}
extension Int32: MappedScalar {}
extension Int64: MappedScalar {}
extension UInt64: MappedScalar {}
extension Float: MappedScalar {}

/// A read-only array of little-endian scalars inside a mapped file (the file stays mapped while it lives).
struct MappedArray<T: MappedScalar>: @unchecked Sendable, RandomAccessCollection {
    private let file: MappedFile?
    private let base: UnsafeRawPointer?
    public let count: Int

    init(file: MappedFile, base: UnsafeRawPointer?, count: Int) {
        self.file = file
        self.base = base
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> T {
        precondition(i >= 0 && i < count, "index out of range")
        return base!.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
    }
}

/// A read-only table of UTF-8 strings inside a mapped file.
struct MappedStrings: @unchecked Sendable, RandomAccessCollection {
    private let offsets: MappedArray<UInt64>
    private let text: UnsafeRawPointer
    private let file: MappedFile

    init(offsets: MappedArray<UInt64>, text: UnsafeRawPointer, file: MappedFile) {
        self.offsets = offsets
        self.text = text
        self.file = file
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    /// The UTF-8 bytes of string `i`.
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        let start = Int(offsets[i])
        return UnsafeRawBufferPointer(start: text + start, count: Int(offsets[i + 1]) - start)
    }

    public subscript(i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }
}
