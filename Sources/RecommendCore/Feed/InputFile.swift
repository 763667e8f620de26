internal import CZlib

/// Reads an input file whole, inflating it when it is gzip-compressed.
enum InputFile {
    /// The bytes of `path`, decompressed if the file starts with the gzip magic number.
    /// - Throws: `FeedError.unreadable` when the file cannot be opened or is a damaged gzip stream.
    static func readAll(_ path: String) throws -> [UInt8] {
        guard let file = gzopen(path, "rb") else {
            throw FeedError.unreadable(file: path, reason: "no such file or not readable")
        }
        defer { gzclose(file) }
        gzbuffer(file, 1 << 17)
        var bytes: [UInt8] = []
        let chunk = 1 << 20
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let read = bytes.withUnsafeMutableBufferPointer { buffer in
                gzread(file, buffer.baseAddress! + start, UInt32(chunk))
            }
            if read < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                throw FeedError.unreadable(file: path, reason: message)
            }
            bytes.removeLast(chunk - Int(read))
            if read == 0 { break }
        }
        return bytes
    }
}
