internal import Foundation
internal import GRDB

/// Reads articles from a table of a SQLite database, with the same validation and report as feed files:
/// a bad row is skipped and reported at `DATABASE#TABLE:ROWID` with its reason, never stopping the run.
public struct SQLiteArticleReader: Sendable {
    public var table: ArticleTable
    /// What to do with repeated ids (possible when `id` is not the table's key).
    public var duplicates: DuplicatePolicy
    /// Seconds to wait for a writer that holds the database locked before giving up with `DatabaseError.busy`
    /// (a CMS writing while the nightly job reads). Default 30.
    public var busyTimeout: Double = 30

    public init(table: ArticleTable = ArticleTable(), duplicates: DuplicatePolicy = .fail) {
        self.table = table
        self.duplicates = duplicates
    }

    /// The articles of the table in rowid order, and a report of the rows skipped and why.
    /// - Throws: `DatabaseError` (no file, no table, a required column missing, locked for longer than
    ///   `busyTimeout`, SQLite failing) or `FeedError.duplicateID`.
    /// - Complexity: one pass over the table.
    public func read(_ path: String) throws -> (articles: [Article], report: FeedReport) {
        guard FileManager.default.fileExists(atPath: path) else { throw DatabaseError.missing(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in try read(db, path: path) }
        } catch let error as GRDB.DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw DatabaseError.busy(path: path, seconds: busyTimeout)
        } catch let error as DatabaseError {
            throw error
        } catch let error as FeedError {
            throw error
        } catch {
            throw DatabaseError.unreadable(path: path, reason: "\(error)")
        }
    }

    private func read(_ db: Database, path: String) throws -> (articles: [Article], report: FeedReport) {
        guard try db.tableExists(table.name) else {
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            throw DatabaseError.missingTable(path: path, table: table.name, found: tables)
        }
        let present = try db.columns(in: table.name).map(\.name)
        let lowered = Set(present.map { $0.lowercased() })
        // Each field's column as a blob of its text (NULL when the table lacks an optional column), so that text
        // that is not UTF-8 is reported rather than repaired.
        var selected: [String] = []
        for (column, required) in table.columns {
            if lowered.contains(column.lowercased()) {
                selected.append("CAST(\(column.quotedDatabaseIdentifier) AS BLOB)")
            } else if required {
                throw DatabaseError.missingColumn(path: path, table: table.name, column: column, found: present)
            } else {
                selected.append("NULL")
            }
        }
        // Whether the embedding is a BLOB (float32 values) rather than text.
        let embedding = present.first { $0.lowercased() == table.embedding.lowercased() }
        selected.append(embedding.map { "typeof(\($0.quotedDatabaseIdentifier)) = 'blob'" } ?? "0")
        let sql =
            "SELECT rowid, \(selected.joined(separator: ", ")) "
            + "FROM \(table.name.quotedDatabaseIdentifier) ORDER BY rowid"
        let file = "\(path)#\(table.name)"
        var collector = FeedCollector(duplicates: duplicates)
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() {
            let rowid: Int64 = row[0]
            try collector.accept(Self.parse(row, at: FeedLocation(file: file, line: Int(rowid))))
        }
        return collector.finish()
    }

    /// The article of one row (fields in `ArticleTable.columns` order after the rowid, then whether the embedding
    /// is a BLOB), or its issues.
    private static func parse(_ row: Row, at location: FeedLocation) -> ParsedLine {
        let binaryEmbedding: Bool = row[ArticleRecord.rowFields.count + 1]
        var fields: [String?] = []
        var vector: [Float]?
        var invalid: [String] = []
        for (k, name) in ArticleRecord.rowFields.enumerated() {
            let value: Data? = row[k + 1]
            guard let value else {
                fields.append(nil)
                continue
            }
            if name == "embedding" && binaryEmbedding {
                vector = ArticleRecord.vector([UInt8](value))
                if vector == nil {
                    let issue = FeedIssue(
                        location: location, reason: .malformed,
                        detail: "column embedding: a BLOB must hold finite little-endian float32 values, "
                            + "got \(value.count) bytes")
                    return ParsedLine(location: location, article: nil, issues: [issue])
                }
                fields.append(nil)
            } else if let text = String(validating: value, as: UTF8.self) {
                fields.append(text)
            } else {
                invalid.append(name)
                fields.append(nil)
            }
        }
        if !invalid.isEmpty {
            let issue = FeedIssue(
                location: location, reason: .invalidUTF8,
                detail: "column \(invalid.joined(separator: ", ")) of row \(location.line) is not valid UTF-8")
            return ParsedLine(location: location, article: nil, issues: [issue])
        }
        return ArticleRecord.parseRow(fields, vector: vector, at: location)
    }
}
