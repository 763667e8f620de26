import RecommendCore

/// The invariants of reading one feed file, whatever it holds.
public enum FeedChecks {
    /// Reads the feed at `path` under both duplicate policies and checks what comes back:
    /// - only the errors the input can cause (`allowed`) are thrown;
    /// - each non-blank line (CSV record) gives an accepted article or a skipping issue: read = accepted + skipped;
    /// - accepted articles have a trimmed, non-empty id, unique byte for byte with `.lastWins` (`café` composed
    ///   and decomposed are two ids), and a headline or a body;
    /// - issues point at lines of the file;
    /// - `.fail` either stops at a duplicate id, which `.lastWins` replaced, or reads exactly what `.lastWins` reads.
    /// - Returns: the report of the `.lastWins` read, nil when it threw.
    @discardableResult
    public static func check(_ path: String, lineCount: Int, allowed: (FeedError) -> Bool) -> FeedReport? {
        let lastWins: (articles: [Article], report: FeedReport)
        do {
            lastWins = try FeedReader(duplicates: .lastWins).read([path])
        } catch let error as FeedError {
            guard allowed(error) else { Fuzz.broken("unexpected error with last-wins: \(error)") }
            return nil
        } catch {
            Fuzz.broken("an error that is not a FeedError: \(error)")
        }
        let (articles, report) = lastWins
        guard report.articlesAccepted == articles.count else { Fuzz.broken("accepted \(report.articlesAccepted) of \(articles.count)") }
        guard report.linesRead == report.articlesAccepted + report.skipped else {
            Fuzz.broken("read \(report.linesRead) lines, accepted \(report.articlesAccepted), skipped \(report.skipped)")
        }
        var ids = Set<ArticleID>()
        for article in articles {
            guard !article.id.isEmpty, article.id == trimmed(article.id) else { Fuzz.broken("bad id '\(article.id)'") }
            guard ids.insert(article.key).inserted else { Fuzz.broken("id '\(article.id)' accepted twice") }
            guard !article.title.isEmpty || !article.body.isEmpty else { Fuzz.broken("article '\(article.id)' has no text") }
            guard article.title == trimmed(article.title), article.body == trimmed(article.body) else {
                Fuzz.broken("article '\(article.id)' has untrimmed text")
            }
            guard !article.labels.contains(where: \.isEmpty), article.category?.isEmpty != true else {
                Fuzz.broken("article '\(article.id)' has an empty label or category")
            }
        }
        for issue in report.issues where !(1...max(1, lineCount)).contains(issue.location.line) {
            Fuzz.broken("issue on line \(issue.location.line) of \(lineCount): \(issue)")
        }
        let replaced = report.issues.contains { $0.reason == .duplicateReplaced }
        do {
            let fail = try FeedReader(duplicates: .fail).read([path])
            guard !replaced else { Fuzz.broken("last-wins replaced a duplicate that fail accepted") }
            guard fail.articles == articles, fail.report == report else { Fuzz.broken("fail and last-wins read differently") }
        } catch FeedError.duplicateID {
            guard replaced else { Fuzz.broken("fail found a duplicate id that last-wins did not replace") }
        } catch {
            Fuzz.broken("unexpected error with fail: \(error)")
        }
        return report
    }

    /// `s` without the white space `ArticleRecord` trims.
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// The number of lines of `bytes` (a final line without a break counts).
    public static func lineCount(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } + (bytes.last == 10 || bytes.isEmpty ? 0 : 1)
    }

    /// Whether a plain feed starting with `bytes` is one the readers refuse as UTF-16 or UTF-32: a byte order
    /// mark `FF FE` or `FE FF` (UTF-32LE's starts with the former), or a NUL among the first 256 bytes.
    public static func isRefusedEncoding(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.prefix(256).contains(0)
    }

    /// Whether `bytes` start as a gzip stream (which the readers inflate).
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x1F, 0x8B]) }
}
