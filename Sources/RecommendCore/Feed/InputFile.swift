internal import CZlib

/// Reads an input file, inflating it when it is gzip-compressed.
enum InputFile {
    /// The bytes of `path`, decompressed if the file starts with the gzip magic number.
    /// - Throws: `FeedError.unreadable` when the file cannot be opened or is a damaged or truncated gzip stream.
    static func readAll(_ path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try withReader(path) { read in
            while try read(&bytes, 1 << 20) > 0 {}
        }
        try checkEncoding(bytes.prefix(256), of: path)
        return bytes
    }

    /// Refuses text that is not UTF-8 in a way that would otherwise index garbage: UTF-16 or UTF-32, told by its
    /// byte order mark or, without one, by NUL bytes among the first characters (feeds never hold NUL).
    /// - Throws: `FeedError.unreadable` naming the encoding and how to convert the file.
    static func checkEncoding(_ start: ArraySlice<UInt8>, of path: String) throws(FeedError) {
        let b = Array(start)
        let encoding: String? =
            switch b.prefix(4) {
            case [0xFF, 0xFE, 0, 0]: "UTF-32LE (byte order mark FF FE 00 00)"
            case [0, 0, 0xFE, 0xFF]: "UTF-32BE (byte order mark 00 00 FE FF)"
            case let p where p.starts(with: [0xFF, 0xFE]): "UTF-16LE (byte order mark FF FE)"
            case let p where p.starts(with: [0xFE, 0xFF]): "UTF-16BE (byte order mark FE FF)"
            case _ where b.contains(0): "UTF-16 or UTF-32 (NUL bytes among the first characters)"
            default: nil
            }
        if let encoding {
            throw .unreadable(
                file: path, reason: "the file is \(encoding), feeds must be UTF-8: convert it, e.g. iconv -t UTF-8")
        }
    }

    /// Calls `body` with consecutive blocks of whole lines of `path` (decompressed), each about `blockSize`
    /// bytes, and the 1-based number of the block's first line; a line longer than `blockSize` makes its block
    /// longer. Every block but the last ends with a line break. The next block is read only when `body`
    /// returns, so a caller can work on one block while the file is read on.
    /// - Throws: `FeedError.unreadable` as `readAll`, or what `body` throws.
    static func forEachBlock(_ path: String, blockSize: Int, _ body: ([UInt8], Int) throws -> Void) throws {
        try withReader(path) { read in
            var block: [UInt8] = []
            var firstLine = 1
            while true {
                let scanned = block.count
                let count = try read(&block, blockSize)
                guard count > 0 else { break }
                if firstLine == 1, scanned == 0 { try checkEncoding(block.prefix(256), of: path) }
                guard let lastBreak = block[scanned...].lastIndex(of: 10) else { continue }
                let rest = Array(block[(lastBreak + 1)...])
                block.removeLast(block.count - lastBreak - 1)
                let lines = block.withUnsafeBufferPointer { b in b.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
                try body(block, firstLine)
                firstLine += lines
                block = rest
            }
            if !block.isEmpty { try body(block, firstLine) }
        }
    }

    /// Opens `path` and hands `body` a function that appends up to `count` more bytes of it to an array and
    /// returns how many it appended (fewer only at the end of the file).
    private static func withReader(
        _ path: String, _ body: (_ read: (inout [UInt8], Int) throws -> Int) throws -> Void
    ) throws {
        guard let file = gzopen(path, "rb") else {
            throw FeedError.unreadable(file: path, reason: "no such file or not readable")
        }
        defer { gzclose(file) }
        gzbuffer(file, 1 << 17)
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { scratch.deallocate() }
        try body { bytes, count in
            var total = 0
            while total < count {
                let wanted = min(count - total, scratch.count)
                let read = Int(gzread(file, scratch.baseAddress!, UInt32(wanted)))
                if read < 0 {
                    var code: Int32 = 0
                    let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                    throw FeedError.unreadable(file: path, reason: message)
                }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<read]))
                total += read
                guard read == wanted else {
                    // The end of the input: zlib reports a gzip stream cut short as Z_BUF_ERROR, not as a failed read.
                    var code: Int32 = 0
                    _ = gzerror(file, &code)
                    if code == Z_BUF_ERROR {
                        throw FeedError.unreadable(file: path, reason: "the gzip stream ends early (truncated file)")
                    }
                    break
                }
            }
            return total
        }
    }
}
