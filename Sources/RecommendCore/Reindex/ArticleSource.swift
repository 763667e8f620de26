/// Where a reindex reads its articles: feed files (JSON Lines or CSV, plain or gzip, or directories of them), a
/// table of a SQLite database, or a table of a PostgreSQL database.
///
/// A single source argument is a PostgreSQL database when it is a `postgresql://` (or `postgres://`) address,
/// a SQLite database when it is written `sqlite:PATH` or its name ends in `.sqlite`, `.sqlite3` or `.db`;
/// anything else is read as feed files, as `recommend index` reads them.
public enum ArticleSource: Sendable, Equatable, CustomStringConvertible {
    case feeds([String])
    case sqlite(path: String, table: ArticleTable)
    case postgresql(PostgreSQLAddress, table: ArticleTable)

    /// The source that `arguments` name, with `table` describing a database's articles table.
    /// - Throws: `DatabaseError.badAddress` for a PostgreSQL address that cannot be used.
    public init(_ arguments: [String], table: ArticleTable = ArticleTable()) throws(DatabaseError) {
        if arguments.count == 1, PostgreSQLAddress.names(arguments[0]) {
            let address = try PostgreSQLAddress(arguments[0])
            var table = table
            if let name = address.table { table.name = name }
            self = .postgresql(address, table: table)
        } else if arguments.count == 1, let path = Self.databasePath(arguments[0]) {
            self = .sqlite(path: path, table: table)
        } else {
            self = .feeds(arguments)
        }
    }

    /// The database path named by `argument`, or nil when it names a feed.
    public static func databasePath(_ argument: String) -> String? {
        if argument.hasPrefix("sqlite:") { return String(argument.dropFirst("sqlite:".count)) }
        let lowered = argument.lowercased()
        return [".sqlite", ".sqlite3", ".db"].contains(where: lowered.hasSuffix) ? argument : nil
    }

    /// Every article of the source and the report of what was skipped.
    /// - Throws: `FeedError` or `DatabaseError`.
    public func read(duplicates: DuplicatePolicy) throws -> (articles: [Article], report: FeedReport) {
        switch self {
        case .feeds(let inputs): try FeedReader(duplicates: duplicates).read(inputs)
        case .sqlite(let path, let table): try SQLiteArticleReader(table: table, duplicates: duplicates).read(path)
        case .postgresql(let address, let table):
            try PostgreSQLArticleReader(address: address, table: table, duplicates: duplicates).read()
        }
    }

    public var description: String {
        switch self {
        case .feeds(let inputs): inputs.joined(separator: " ")
        case .sqlite(let path, let table): "sqlite:\(path) (table \(table.name))"
        case .postgresql(let address, let table): "\(address) (table \(table.name))"
        }
    }
}
