internal import Foundation
internal import GRDB

/// Stores articles in a table of a SQLite database (created if needed), one row per id: a row with the same id
/// is updated in place (it keeps its rowid, hence its place in the read order). The table is the one
/// `SQLiteArticleReader` reads with the same `ArticleTable`.
public struct SQLiteArticleWriter: Sendable {
    public var table: ArticleTable

    public init(table: ArticleTable = ArticleTable()) {
        self.table = table
    }

    /// Inserts or updates `articles` in one transaction and returns the number of rows the table then holds.
    /// Dates are stored as ISO 8601 text, labels separated by `|`, an embedding as a text list of numbers.
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
                // A table made before an optional column existed (the embedding) gets it.
                let present = Set(try db.columns(in: table.name).map { $0.name.lowercased() })
                for (column, _) in table.columns where !present.contains(column.lowercased()) {
                    try db.execute(sql: "ALTER TABLE \(name) ADD COLUMN \(column.quotedDatabaseIdentifier) TEXT")
                }
                // An upsert rather than INSERT OR REPLACE: a replaced article keeps its rowid, so its place in the
                // read order (and in the index) does not move.
                let statement = try db.makeStatement(
                    sql: "INSERT INTO \(name) (\(columns.joined(separator: ", "))) "
                        + "VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) "
                        + "ON CONFLICT(\(columns[0])) DO UPDATE SET "
                        + columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                for article in articles {
                    try statement.execute(arguments: [
                        article.id, article.title, article.body, article.published.map(ISO8601Date.format),
                        article.category, article.labels.isEmpty ? nil : article.labels.joined(separator: "|"),
                        article.url, article.embedding.map { "[" + $0.map { "\($0)" }.joined(separator: ",") + "]" },
                    ])
                }
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name)") ?? 0
            }
        } catch {
            throw DatabaseError.writeFailed(path: path, reason: "\(error)")
        }
    }
}
