internal import CZlib

/// CRC-32 (zlib's polynomial) of a byte range.
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
}
