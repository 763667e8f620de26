/// Problems with a SQLite article database: nothing is read or written until they are fixed.
public enum DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file does not exist.
    case missing(path: String)
    /// SQLite could not open or query the database.
    case unreadable(path: String, reason: String)
    /// Another connection kept the database locked for `seconds`: a temporary condition, worth a retry.
    case busy(path: String, seconds: Double)
    /// The database has no such table.
    case missingTable(path: String, table: String, found: [String])
    /// The table lacks a column that is required (`id`, `title`, `body`) or that was named explicitly.
    case missingColumn(path: String, table: String, column: String, found: [String])
    /// Articles could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "\(path): no such database file (create one with 'recommend load-sqlite FEED --database \(path)')"
        case .unreadable(let path, let reason):
            "\(path): cannot read the database: \(reason)"
        case .busy(let path, let seconds):
            "\(path): the database stayed locked by another connection for \(seconds) s; try again later"
        case .missingTable(let path, let table, let found):
            "\(path): no table '\(table)' (tables: \(found.isEmpty ? "none" : found.joined(separator: ", "))); "
                + "name the right one with --table"
        case .missingColumn(let path, let table, let column, let found):
            "\(path): table '\(table)' has no column '\(column)' (columns: \(found.joined(separator: ", "))); "
                + "map it with the matching --...-column option"
        case .writeFailed(let path, let reason):
            "\(path): cannot write articles: \(reason)"
        }
    }
}
