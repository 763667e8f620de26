import FuzzSupport
import RecommendCore

/// The JSON Lines feed reader (`FeedReader` over a `.jsonl` file: line splitting, UTF-8 and JSON decoding, record
/// validation, dates, the duplicate policies, gzip when the input starts with its magic number). Beyond
/// `FeedChecks`: a plain file is refused only as UTF-16 or UTF-32 (`FeedChecks.isRefusedEncoding`), and every
/// non-blank line counts as read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    let path = Fuzz.write(bytes, to: "feed.jsonl")
    let gzip = FeedChecks.isGzip(bytes)
    let lines = gzip ? Int.max : FeedChecks.lineCount(bytes)
    let report = FeedChecks.check(path, lineCount: lines) { error in
        if case .unreadable = error { return gzip || FeedChecks.isRefusedEncoding(bytes) }
        return false
    }
    if !gzip, let report, report.linesRead != nonBlankLines(bytes) {
        Fuzz.broken("read \(report.linesRead) lines, the input has \(nonBlankLines(bytes)) that are not blank")
    }
    return 0
}

/// Lines holding something other than spaces and tabs (and a final carriage return).
func nonBlankLines(_ bytes: [UInt8]) -> Int {
    bytes.split(separator: 10, omittingEmptySubsequences: true).count { line in
        line.contains { $0 != 32 && $0 != 9 && $0 != 13 } || (line.dropLast().contains(13))
    }
}

/// libFuzzer's driver, from a `main` of our own (SwiftPM gives every executable its own entry point).
@main enum Harness {
    static func main() { Fuzz.run(fuzz) }
}
