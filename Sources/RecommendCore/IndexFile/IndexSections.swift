internal import Synchronization

#if _endian(big)
#error("index files are little-endian and read in place; big-endian hosts are not supported")
#endif

/// The section table of a mapped index file, validated: header, version, length and table checksum are
/// checked when it is opened; a section's own checksum when it is first asked for, or only the blocks a query
/// reads (`unchecked` views with `check`).
struct IndexSections: Sendable {
    let file: MappedFile
    /// The format version in the header (one of `IndexFormat.readableVersions`).
    let version: UInt32
    private let table: [UInt32: Section]
    /// The sections in table order.
    let entries: [Section]
    private let ledger: ChecksumLedger

    /// Where a section lies and what its checksums are.
    struct Section: Sendable {
        let tag: UInt32
        let offset: Int
        let length: Int
        let checksum: UInt32
        /// The number of its first checksum in the `BLKS` section.
        let firstBlock: Int

        /// The four letters of its tag (escaped when they are not printable ASCII).
        var name: String {
            let bytes = (0..<4).map { UInt8(truncatingIfNeeded: tag >> (8 * UInt32($0))) }
            return bytes.allSatisfy { (0x20..<0x7f).contains($0) }
                ? String(decoding: bytes, as: UTF8.self) : "0x" + String(tag, radix: 16)
        }

        /// The section's kind, nil for a tag this build does not know.
        var kind: SectionTag? { SectionTag.allCases.first { $0.code == tag } }
    }

    /// The sections of the index at `path`; with `copy`, of a copy of the file in memory (`MappedFile`).
    init(path: String, copy: Bool = false) throws(IndexFileError) {
        let file = try MappedFile(path: path, copy: copy)
        self.file = file
        let b = file.bytes
        guard b.count >= IndexFormat.headerSize, Array(b[0..<8]) == IndexFormat.magic else {
            throw .notAnIndex(path: path)
        }
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: b.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: b.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        let version = u32(8)
        guard IndexFormat.readableVersions.contains(version) else {
            throw .unsupportedVersion(path: path, found: version, supported: IndexFormat.version)
        }
        self.version = version
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
        var table: [UInt32: Section] = [:]
        var blocks = 0
        var last: Section?
        for s in 0..<count {
            let at = IndexFormat.headerSize + s * IndexFormat.sectionEntrySize
            let offset = u64(at + 8)
            let length = u64(at + 16)
            guard offset % UInt64(IndexFormat.alignment) == 0, offset <= UInt64(b.count),
                length <= UInt64(b.count) - offset
            else { throw .malformed(path: path, detail: "section \(s) lies outside the file") }
            let section = Section(
                tag: u32(at), offset: Int(offset), length: Int(length), checksum: u32(at + 24), firstBlock: blocks)
            guard table.updateValue(section, forKey: section.tag) == nil else {
                throw .malformed(path: path, detail: "section \(section.name) appears twice in the section table")
            }
            if let last, section.offset < last.offset + last.length {
                throw .malformed(
                    path: path, detail: "section \(section.name) starts inside section \(last.name) (sections follow "
                        + "each other in table order)")
            }
            blocks += IndexFormat.blockCount(section.length)
            last = section
        }
        self.table = table
        entries = table.values.sorted { $0.offset < $1.offset }
        var blockChecksums: UnsafeRawBufferPointer?
        if let checksums = table[SectionTag.blockChecksums.code] {
            let raw = UnsafeRawBufferPointer(rebasing: b[checksums.offset..<(checksums.offset + checksums.length)])
            guard checksums.tag == last?.tag, raw.count == 4 * checksums.firstBlock else {
                throw .malformed(path: path, detail: "block checksums do not match the section table")
            }
            guard Checksum.crc32(raw) == checksums.checksum else {
                throw .checksumMismatch(path: path, part: "section \(SectionTag.blockChecksums.rawValue)")
            }
            blockChecksums = raw
        }
        ledger = ChecksumLedger(file: file, blockChecksums: blockChecksums, blockCount: blocks)
    }

    var path: String { file.path }

    /// Whether the file has the section (optional sections, such as topics, may be absent).
    func contains(_ tag: SectionTag) -> Bool { table[tag.code] != nil }

    /// Verifies the checksum of every section in the table; afterwards `check` has nothing left to do.
    func verifyAll() throws(IndexFileError) {
        for tag in SectionTag.allCases where contains(tag) { _ = try bytes(tag) }
        ledger.markAllChecked()
    }

    /// Whether the whole checksum of `section` matches its bytes (computed afresh, not remembered).
    func wholeChecksumMatches(_ section: Section) -> Bool {
        Checksum.crc32(UnsafeRawBufferPointer(rebasing: file.bytes[section.offset..<(section.offset + section.length)]))
            == section.checksum
    }

    /// The blocks of `section` whose bytes do not match their `BLKS` checksums (computed afresh); nil for a file
    /// without block checksums.
    func damagedBlocks(_ section: Section) -> [Int]? { ledger.damagedBlocks(section) }

    /// Whether every section has been verified whole (`verifyAll`).
    var allChecked: Bool { ledger.allChecked }

    private func section(_ tag: SectionTag) throws(IndexFileError) -> Section {
        guard let entry = table[tag.code] else { throw .missingSection(path: path, section: tag.rawValue) }
        return entry
    }

    /// The verified bytes of a section.
    /// - Throws: `missingSection` or `checksumMismatch`.
    func bytes(_ tag: SectionTag) throws(IndexFileError) -> UnsafeRawBufferPointer {
        let entry = try section(tag)
        try ledger.checkWhole(entry)
        return UnsafeRawBufferPointer(rebasing: file.bytes[entry.offset..<(entry.offset + entry.length)])
    }

    /// The bytes of a section, not yet verified: read only what `check(_:bytes:)` has checked.
    /// - Throws: `missingSection`.
    func uncheckedBytes(_ tag: SectionTag) throws(IndexFileError) -> UnsafeRawBufferPointer {
        let entry = try section(tag)
        return UnsafeRawBufferPointer(rebasing: file.bytes[entry.offset..<(entry.offset + entry.length)])
    }

    /// Verifies the bytes `range` (offsets within the section) of section `tag`: the blocks holding them, each
    /// once per opened file, or the whole section once when the file has no block checksums.
    /// - Throws: `missingSection`, `malformed` for a range outside the section, or `checksumMismatch`.
    func check(_ tag: SectionTag, bytes range: Range<Int>) throws(IndexFileError) {
        guard !ledger.allChecked else { return }
        let entry = try section(tag)
        guard range.lowerBound >= 0, range.upperBound <= entry.length else {
            throw .malformed(path: path, detail: "a read lies outside section \(tag.rawValue)")
        }
        try ledger.check(entry, bytes: range)
    }

    /// A section read as an array of `T` with exactly `count` elements (when given): verified whole unless
    /// `checked` is false, when the caller checks the elements it reads with `check(_:bytes:)`.
    func array<T: MappedScalar>(_ tag: SectionTag, of type: T.Type, count: Int? = nil, checked: Bool = true)
        throws(IndexFileError) -> MappedArray<T>
    {
        let raw = checked ? try bytes(tag) : try uncheckedBytes(tag)
        guard raw.count % MemoryLayout<T>.size == 0 else {
            throw .malformed(path: path, detail: "section \(tag.rawValue) has a partial element")
        }
        let n = raw.count / MemoryLayout<T>.size
        if let count, n != count {
            throw .malformed(path: path, detail: "section \(tag.rawValue) holds \(n) values, expected \(count)")
        }
        return MappedArray(file: file, base: raw.baseAddress, count: n)
    }

    /// A string table with exactly `count` strings (when given): verified whole, offsets included, unless
    /// `checked` is false, when the caller checks each string it reads with `check(_:string:)`.
    func strings(_ tag: SectionTag, count: Int? = nil, checked: Bool = true) throws(IndexFileError) -> MappedStrings {
        let raw = checked ? try bytes(tag) : try uncheckedBytes(tag)
        guard raw.count >= 8 else { throw .malformed(path: path, detail: "string table \(tag.rawValue) is too short") }
        // Unchecked bytes (checking on use) may hold any count: one past Int.max must be refused, not trapped on.
        let n = Int(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)))
        guard n >= 0, n < raw.count, 8 + (n + 1) * 8 <= raw.count else {
            throw .malformed(path: path, detail: "string table \(tag.rawValue) is too short")
        }
        if let count, n != count {
            throw .malformed(path: path, detail: "string table \(tag.rawValue) holds \(n) strings, expected \(count)")
        }
        let strings = MappedStrings(
            offsets: MappedArray<UInt64>(file: file, base: raw.baseAddress! + 8, count: n + 1),
            text: raw.baseAddress! + 8 + (n + 1) * 8, textLength: raw.count - 8 - (n + 1) * 8, file: file)
        if checked {
            for i in 0..<n where !strings.hasValidOffsets(i) {
                throw .malformed(path: path, detail: "string table \(tag.rawValue) has bad offsets")
            }
        }
        return strings
    }

    /// A CSR matrix of `rows` rows over `columns` columns stored in three sections (`UInt64` row starts, `Int32`
    /// columns, `Float` values), verified and copied into memory.
    /// - Throws: `IndexFileError.malformed` unless the row starts ascend from 0 to the entry count and every
    ///   column lies in `0..<columns`.
    func matrix(_ rowSection: SectionTag, _ columnSection: SectionTag, _ valueSection: SectionTag, rows: Int, columns: Int)
        throws(IndexFileError) -> SparseMatrix
    {
        let starts = try array(rowSection, of: UInt64.self, count: rows + 1).map { Int(truncatingIfNeeded: $0) }
        let cols = Array(try array(columnSection, of: Int32.self))
        let vals = Array(try array(valueSection, of: Float.self, count: cols.count))
        let valid =
            starts.first == 0 && starts.last == cols.count && zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 }
            && cols.allSatisfy { $0 >= 0 && Int($0) < columns }
        guard valid else { throw .malformed(path: path, detail: "matrix \(rowSection.rawValue) is inconsistent") }
        return SparseMatrix(rowStart: starts, columns: cols, values: vals, columnCount: columns)
    }

    /// Verifies string `i` of the string table `strings` (section `tag`): its offsets, then its bytes.
    /// - Throws: `checksumMismatch`, or `malformed` for offsets out of order.
    func check(_ tag: SectionTag, string i: Int, of strings: MappedStrings) throws(IndexFileError) {
        guard !ledger.allChecked else { return }
        try check(tag, bytes: (8 + 8 * i)..<(8 + 8 * (i + 2)))
        guard strings.hasValidOffsets(i) else {
            throw .malformed(path: path, detail: "string table \(tag.rawValue) has bad offsets")
        }
        let start = 8 + 8 * (strings.count + 1)
        try check(tag, bytes: (start + Int(strings.offsets[i]))..<(start + Int(strings.offsets[i + 1])))
    }
}

/// Which checksums of one mapped file have been verified. Shared by every copy of an `IndexSections`, so
/// each block (or section) is checked once however many queries read it. Unchecked: the checksum bytes are
/// immutable and kept mapped by `file`; what changes is behind the mutex and the atomic.
private final class ChecksumLedger: @unchecked Sendable {
    let file: MappedFile
    /// The `BLKS` section (already verified), or nil for a file without block checksums.
    private let blockChecksums: UnsafeRawBufferPointer?
    private let verified: Mutex<(blocks: [UInt64], sections: Set<UInt32>)>
    private let everything = Atomic<Bool>(false)

    init(file: MappedFile, blockChecksums: UnsafeRawBufferPointer?, blockCount: Int) {
        self.file = file
        self.blockChecksums = blockChecksums
        verified = Mutex(([UInt64](repeating: 0, count: (blockCount + 63) / 64), []))
    }

    var allChecked: Bool { everything.load(ordering: .acquiring) }

    func markAllChecked() { everything.store(true, ordering: .releasing) }

    /// Verifies the whole section (once).
    func checkWhole(_ section: IndexSections.Section) throws(IndexFileError) {
        if allChecked || verified.withLock({ $0.sections.contains(section.tag) }) { return }
        let bytes = UnsafeRawBufferPointer(rebasing: file.bytes[section.offset..<(section.offset + section.length)])
        guard Checksum.crc32(bytes) == section.checksum else { throw mismatch(section) }
        _ = verified.withLock { $0.sections.insert(section.tag) }
    }

    /// Verifies the blocks of `section` holding `range` (or the whole section without block checksums).
    func check(_ section: IndexSections.Section, bytes range: Range<Int>) throws(IndexFileError) {
        guard let blockChecksums else { return try checkWhole(section) }
        guard !range.isEmpty else { return }
        let size = IndexFormat.blockSize
        for block in (range.lowerBound / size)...((range.upperBound - 1) / size) {
            let number = section.firstBlock + block
            if verified.withLock({ $0.blocks[number / 64] & (1 << UInt64(number % 64)) != 0 }) { continue }
            let start = section.offset + block * size
            let end = min(start + size, section.offset + section.length)
            let expected = UInt32(littleEndian: blockChecksums.loadUnaligned(fromByteOffset: 4 * number, as: UInt32.self))
            guard Checksum.crc32(UnsafeRawBufferPointer(rebasing: file.bytes[start..<end])) == expected else {
                throw mismatch(section)
            }
            verified.withLock { $0.blocks[number / 64] |= 1 << UInt64(number % 64) }
        }
    }

    /// Every block of `section` whose checksum does not match, without remembering anything.
    func damagedBlocks(_ section: IndexSections.Section) -> [Int]? {
        guard let blockChecksums else { return nil }
        let size = IndexFormat.blockSize
        return (0..<IndexFormat.blockCount(section.length)).filter { block in
            let start = section.offset + block * size
            let end = min(start + size, section.offset + section.length)
            let expected = UInt32(
                littleEndian: blockChecksums.loadUnaligned(
                    fromByteOffset: 4 * (section.firstBlock + block), as: UInt32.self))
            return Checksum.crc32(UnsafeRawBufferPointer(rebasing: file.bytes[start..<end])) != expected
        }
    }

    private func mismatch(_ section: IndexSections.Section) -> IndexFileError {
        .checksumMismatch(path: file.path, part: "section \(section.name)")
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
    let offsets: MappedArray<UInt64>
    private let text: UnsafeRawPointer
    private let textLength: Int
    private let file: MappedFile

    init(offsets: MappedArray<UInt64>, text: UnsafeRawPointer, textLength: Int, file: MappedFile) {
        self.offsets = offsets
        self.text = text
        self.textLength = textLength
        self.file = file
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    /// Whether string `i` lies inside the text, after string `i - 1`.
    func hasValidOffsets(_ i: Int) -> Bool {
        let start = offsets[i]
        let end = offsets[i + 1]
        return start <= end && end <= UInt64(textLength) && (i > 0 || start == 0)
    }

    /// The UTF-8 bytes of string `i` (empty if its offsets are out of order, which a checked table never has).
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        guard hasValidOffsets(i) else { return UnsafeRawBufferPointer(start: text, count: 0) }
        let start = Int(offsets[i])
        return UnsafeRawBufferPointer(start: text + start, count: Int(offsets[i + 1]) - start)
    }

    public subscript(i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }
}
