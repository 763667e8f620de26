import FuzzSupport
import RecommendCore

/// The CSV feed reader (`FeedReader` over a `.csv` file: RFC 4180 records with quoted fields, the header row and
/// its columns, UTF-8, record validation, the duplicate policies, gzip when the input starts with its magic
/// number). Beyond `FeedChecks`: only a header without an `id` column, a UTF-16 or UTF-32 file, or a damaged gzip
/// stream is refused.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    let path = Fuzz.write(bytes, to: "feed.csv")
    let gzip = FeedChecks.isGzip(bytes)
    FeedChecks.check(path, lineCount: gzip ? Int.max : FeedChecks.lineCount(bytes)) { error in
        switch error {
        case .unreadable: gzip || FeedChecks.isRefusedEncoding(bytes)
        case .missingColumn(_, "id"): true
        default: false
        }
    }
    return 0
}

/// libFuzzer's driver, from a `main` of our own (SwiftPM gives every executable its own entry point).
@main enum Harness {
    static func main() { Fuzz.run(fuzz) }
}
