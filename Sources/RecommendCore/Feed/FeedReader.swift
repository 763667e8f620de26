internal import Foundation

/// Reads articles from JSON Lines and CSV files (plain or gzip), or directories of them.
public struct FeedReader: Sendable {
    /// What to do with repeated ids.
    public var duplicates: DuplicatePolicy

    public init(duplicates: DuplicatePolicy = .fail) {
        self.duplicates = duplicates
    }

    /// The articles of all `inputs`, in input order, and a report of what was skipped and why.
    ///
    /// A bad line never stops the run: it is skipped and reported. A missing file, an unknown
    /// format, a CSV without an `id` column, or (with `.fail`) a duplicate id stops the run.
    /// - Throws: `FeedError`.
    public func read(_ inputs: [String]) throws -> (articles: [Article], report: FeedReport) {
        var collector = FeedCollector(duplicates: duplicates)
        for file in try Self.expand(inputs) {
            let lines: [ParsedLine]
            switch try Self.format(of: file) {
            case .jsonLines: lines = try JSONLinesParser.parse(file: file)
            case .csv: lines = try CSVParser.parse(try InputFile.readAll(file), file: file)
            }
            for line in lines { try collector.accept(line) }
        }
        return collector.finish()
    }

    enum Format { case jsonLines, csv }

    static func format(of file: String) throws -> Format {
        var name = file.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") { return .jsonLines }
        if name.hasSuffix(".csv") { return .csv }
        throw FeedError.unknownFormat(file: file)
    }

    /// Files named directly, plus the feed files inside named directories (sorted by name).
    static func expand(_ inputs: [String]) throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw FeedError.unreadable(file: input, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                let names = try manager.contentsOfDirectory(atPath: input).sorted()
                files += names.filter { (try? format(of: $0)) != nil }.map { input + "/" + $0 }
            } else {
                files.append(input)
            }
        }
        return files
    }
}
