/// Damage to an index file described by the fuzzer's input, and the re-sealing that makes damaged contents look
/// intact to the checksums (as a writer bug would), so that the structure checks behind them are reached too.
///
/// Input: one flag byte (bit 0: re-seal after damaging), then edits of 5 bytes each: kind, a 3-byte
/// little-endian offset (taken modulo the file size) and a value byte.
public enum IndexDamage {
    public struct Plan {
        public var reseal: Bool
        public var edits: [(kind: UInt8, offset: Int, value: UInt8)]
    }

    public static func plan(_ input: [UInt8]) -> Plan {
        guard let flags = input.first else { return Plan(reseal: false, edits: []) }
        var edits: [(kind: UInt8, offset: Int, value: UInt8)] = []
        var k = 1
        while k + 5 <= input.count, edits.count < 16 {
            let offset = Int(input[k + 1]) | Int(input[k + 2]) << 8 | Int(input[k + 3]) << 16
            edits.append((input[k], offset, input[k + 4]))
            k += 5
        }
        return Plan(reseal: flags & 1 != 0, edits: edits)
    }

    /// Values worth planting in a count, an offset or a length.
    static let interesting64: [UInt64] = [
        0, 1, 2, 7, 8, 63, 64, 4095, 4096, 4097, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
        UInt64(Int64.max), UInt64(bitPattern: Int64.min), UInt64.max, UInt64.max - 7, 1 << 62, 1 << 61,
    ]

    /// `bytes` with the plan's edits applied.
    public static func apply(_ plan: Plan, to bytes: [UInt8]) -> [UInt8] {
        var b = bytes
        for edit in plan.edits where !b.isEmpty {
            let at = edit.offset % b.count
            switch edit.kind % 8 {
            case 0: b[at] ^= edit.value == 0 ? 1 : edit.value
            case 1: b[at] = edit.value
            case 2: b.removeLast(b.count - at)
            case 3, 4:
                // A little-endian value of 8 (kind 3) or 4 (kind 4) bytes.
                let value = interesting64[Int(edit.value) % interesting64.count] &+ UInt64(edit.value / 32)
                for j in 0..<(edit.kind % 8 == 3 ? 8 : 4) where at + j < b.count {
                    b[at + j] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(j)))
                }
            case 5: b.insert(contentsOf: [UInt8](repeating: edit.value, count: 1 + Int(edit.value % 64)), at: at)
            case 6: b.removeSubrange(at..<min(b.count, at + 1 + Int(edit.value)))
            default:
                // Copy 8 bytes from elsewhere in the file (another section's count or offset).
                let from = (at + Int(edit.value) * 32) % b.count
                for j in 0..<8 where at + j < b.count && from + j < b.count { b[at + j] = b[from + j] }
            }
        }
        return b
    }

    /// `bytes` with the file length, every block checksum, every section checksum, the section table checksum
    /// and the header checksum recomputed (the parts that lie outside the file are left alone).
    public static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var b = bytes
        guard b.count >= 32 else { return b }
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) } }
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) } }
        func put32(_ v: UInt32, _ at: Int) { for j in 0..<4 { b[at + j] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(j))) } }
        func put64(_ v: UInt64, _ at: Int) { for j in 0..<8 { b[at + j] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(j))) } }
        put64(UInt64(b.count), 16)
        let count = Int(u32(12))
        let tableEnd = 32 + count * 32
        if count < 1024, tableEnd <= b.count {
            var sections: [(entry: Int, range: Range<Int>?)] = []
            for s in 0..<count {
                let at = 32 + s * 32
                let offset = u64(at + 8)
                let length = u64(at + 16)
                let inside = offset <= UInt64(b.count) && length <= UInt64(b.count) - offset
                sections.append((at, inside ? Int(offset)..<Int(offset + length) : nil))
            }
            // Block checksums of every section before BLKS, in table order, then each section's own checksum.
            let blks: UInt32 = 0x534B_4C42  // "BLKS"
            if let last = sections.last, u32(last.entry) == blks, let target = last.range {
                var number = 0
                for section in sections.dropLast() {
                    guard let range = section.range else { continue }
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let end = min(start + 4096, range.upperBound)
                        if target.lowerBound + 4 * number + 4 <= target.upperBound {
                            put32(crc32(b[start..<end]), target.lowerBound + 4 * number)
                        }
                        number += 1
                        start = end
                    }
                }
            }
            for section in sections {
                if let range = section.range { put32(crc32(b[range]), section.entry + 24) }
            }
            put32(crc32(b[32..<tableEnd]), 24)
        }
        put32(crc32(b[0..<28]), 28)
        return b
    }

    private static let table: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    /// CRC-32 as zlib computes it.
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
