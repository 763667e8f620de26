internal import CZlib

/// CRC-32 (zlib's polynomial) of a byte range, whole or per block.
enum Checksum {
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var crc: UInt = 0
        var offset = 0
        while offset < bytes.count {
            let chunk = min(bytes.count - offset, Int(Int32.max))
            crc = CZlib.crc32(crc, base.advanced(by: offset).assumingMemoryBound(to: UInt8.self), UInt32(chunk))
            offset += chunk
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// The CRC-32 of each `IndexFormat.blockSize` block of `bytes` (the last one may be short) and of the whole,
    /// the latter combined from the former rather than computed a second time.
    static func blocks(_ bytes: UnsafeRawBufferPointer) -> (blocks: [UInt32], whole: UInt32) {
        var blocks: [UInt32] = []
        blocks.reserveCapacity(IndexFormat.blockCount(bytes.count))
        var whole: UInt = 0
        var start = 0
        while start < bytes.count {
            let end = min(start + IndexFormat.blockSize, bytes.count)
            let crc = crc32(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            blocks.append(crc)
            whole = start == 0 ? UInt(crc) : CZlib.crc32_combine(whole, UInt(crc), off_t(end - start))
            start = end
        }
        return (blocks, UInt32(truncatingIfNeeded: whole))
    }
}
