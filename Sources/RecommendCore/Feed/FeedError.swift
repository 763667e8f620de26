/// Problems that stop reading a feed: nothing is indexed until they are fixed.
public enum FeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file's name does not say which format it holds.
    case unknownFormat(file: String)
    /// A CSV file's header row lacks a required column.
    case missingColumn(file: String, column: String)
    /// Two lines carry the same id and the policy is to fail.
    case duplicateID(id: String, first: FeedLocation, second: FeedLocation)
    /// No article could be read from any input.
    case noArticles(report: FeedReport)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read: \(reason)"
        case .unknownFormat(let file):
            "\(file): unknown format: expected .jsonl, .ndjson or .csv (optionally .gz)"
        case .missingColumn(let file, let column):
            "\(file):1: the CSV header has no '\(column)' column"
        case .duplicateID(let id, let first, let second):
            "\(second): duplicate id '\(id)' (first seen at \(first)); "
                + "fix the feed or pass --duplicates last-wins to keep the later one"
        case .noArticles(let report):
            "no article could be read from the input (\(report.summary))"
                + (report.issues.first.map { "; the first problem: \($0)" } ?? "")
        }
    }
}
