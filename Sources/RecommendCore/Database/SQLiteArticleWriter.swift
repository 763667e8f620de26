internal import Foundation
internal import GRDB

/// Stores articles in a table of a SQLite database (created if needed), one row per id: a row with the same id
/// is replaced. The table is the one `SQLiteArticleReader` reads with the same `SQLiteArticleTable`.
public struct SQLiteArticleWriter: Sendable {
    public var table: SQLiteArticleTable

    public init(table: SQLiteArticleTable = SQLiteArticleTable()) {
        self.table = table
    }

    /// Inserts or replaces `articles` in one transaction and returns the number of rows the table then holds.
    /// Dates are stored as ISO 8601 text, labels separated by `|`.
    /// - Throws: `DatabaseError.writeFailed`; the table is then unchanged.
    public func write(_ articles: [Article], to path: String) throws -> Int {
        do {
            let queue = try DatabaseQueue(path: path)
            return try queue.write { db in
                let columns = table.columns.map(\.name.quotedDatabaseIdentifier)
                let name = table.name.quotedDatabaseIdentifier
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS \(name) (\(columns[0]) TEXT PRIMARY KEY NOT NULL, \
                        \(columns.dropFirst().map { "\($0) TEXT" }.joined(separator: ", ")))
                        """)
                let statement = try db.makeStatement(
                    sql: "INSERT OR REPLACE INTO \(name) (\(columns.joined(separator: ", "))) "
                        + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
                for article in articles {
                    try statement.execute(arguments: [
                        article.id, article.title, article.body, article.published.map(ISO8601Date.format),
                        article.category, article.labels.isEmpty ? nil : article.labels.joined(separator: "|"),
                        article.url,
                    ])
                }
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name)") ?? 0
            }
        } catch {
            throw DatabaseError.writeFailed(path: path, reason: "\(error)")
        }
    }
}
