/// Problems with an article database (SQLite or PostgreSQL): nothing is read or written until they are fixed.
/// `source` and `path` name the database without any password.
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
    /// A `postgresql://` address that cannot be used as written.
    case badAddress(address: String, reason: String)
    /// The server could not be reached (down, refusing connections, too many connections): worth a retry.
    case unreachable(source: String, reason: String)
    /// The server refused the user or password.
    case authentication(source: String, reason: String)
    /// A statement ran longer than the statement timeout and the server cancelled it: worth a retry.
    case timedOut(source: String, seconds: Double)
    /// The connection broke in the middle of the read: worth a retry.
    case connectionLost(source: String, reason: String)

    /// Whether the condition passes by itself (a lock, a server restart), so that a later run may succeed.
    public var isTemporary: Bool {
        switch self {
        case .busy, .unreachable, .timedOut, .connectionLost: true
        case .missing, .unreadable, .missingTable, .missingColumn, .writeFailed, .badAddress, .authentication: false
        }
    }

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
        case .badAddress(let address, let reason):
            "\(address): \(reason)"
        case .unreachable(let source, let reason):
            "\(source): cannot connect: \(reason); try again when the server is up"
        case .authentication(let source, let reason):
            "\(source): the server refused the login: \(reason) (the password comes from the address, PGPASSWORD "
                + "or the PGPASSFILE file, default ~/.pgpass)"
        case .timedOut(let source, let seconds):
            "\(source): a statement ran longer than the \(seconds) s statement timeout and was cancelled "
                + "(raise it with statement_timeout=SECONDS in the address)"
        case .connectionLost(let source, let reason):
            "\(source): the connection broke during the read: \(reason); try again"
        }
    }
}
