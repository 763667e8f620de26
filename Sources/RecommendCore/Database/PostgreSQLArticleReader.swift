internal import Foundation
internal import Logging
internal import NIOCore
internal import NIOSSL
internal import PostgresNIO

/// Reads articles from a PostgreSQL table, with the same validation and report as feed files: a bad row is
/// skipped and reported with its position and id, never stopping the run.
///
/// The read is one read-only transaction at `REPEATABLE READ`: every row comes from one snapshot of the table,
/// whatever the CMS writes meanwhile. Rows are ordered by the id column (by its own type's order, which an index
/// on it serves), so the same data gives the same articles in the same order, and the same index byte for byte
/// (rows repeating an id are refused, or with `--duplicates last-wins` come in no set order); they arrive through a
/// server-side cursor `batchSize` rows at a time, so the client holds one batch of rows besides the articles.
///
/// Every value is read as text: an integer id becomes its digits; a `date` or `timestamp` `published` column
/// becomes ISO 8601 (a `timestamp` without zone is taken as UTC); a text array `labels` column is joined with `|`.
public struct PostgreSQLArticleReader: Sendable {
    public var address: PostgreSQLAddress
    /// The table and its columns; the address's `table=` names the table when it is given.
    public var table: ArticleTable
    /// What to do with repeated ids.
    public var duplicates: DuplicatePolicy
    /// Rows fetched from the cursor at a time. Default 1000.
    public var batchSize = 1000

    public init(address: PostgreSQLAddress, table: ArticleTable = ArticleTable(), duplicates: DuplicatePolicy = .fail) {
        self.address = address
        self.table = table
        if let name = address.table { self.table.name = name }
        self.duplicates = duplicates
    }

    /// The articles of the table in id order, and a report of the rows skipped and why.
    /// - Throws: `DatabaseError` (server unreachable, login refused, no such database, table or column, a
    ///   statement timeout, the connection lost) or `FeedError.duplicateID`.
    public func read() throws -> (articles: [Article], report: FeedReport) {
        let source = address.description
        var logger = Logger(label: "recommend.postgresql")
        logger.logLevel = .critical
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.next(), configuration: try configuration(), id: 1,
                logger: logger
            ).wait()
        } catch {
            throw Self.databaseError(error, source: source, timeout: address.statementTimeout, connecting: true)
        }
        defer { _ = try? connection.close().wait() }
        do {
            func run(_ sql: String) throws -> PostgresQueryResult {
                try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
            }
            _ = try run("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            _ = try run("SET LOCAL statement_timeout = \(Int((address.statementTimeout * 1000).rounded()))")
            let select = try selectStatement(run)
            _ = try run("DECLARE recommend_articles NO SCROLL CURSOR FOR \(select)")
            let file = "\(source)#\(table.name)"
            var collector = FeedCollector(duplicates: duplicates)
            var position = 0
            while true {
                let rows = try run("FETCH FORWARD \(max(1, batchSize)) FROM recommend_articles")
                var fetched = 0
                for row in rows {
                    fetched += 1
                    position += 1
                    let fields = row.map { cell in cell.bytes.map { String(buffer: $0) } }
                    let location = FeedLocation(file: file, line: position, key: fields[0])
                    try collector.accept(ArticleTable.parse(fields, at: location))
                }
                if fetched == 0 { break }
            }
            _ = try run("COMMIT")
            return collector.finish()
        } catch let error as DatabaseError {
            throw error
        } catch let error as FeedError {
            throw error
        } catch {
            throw Self.databaseError(error, source: source, timeout: address.statementTimeout, connecting: false)
        }
    }

    /// The connection settings of `address`.
    private func configuration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socket = address.socketPath {
            configuration = .init(
                unixSocketPath: socket, username: address.user, password: address.password, database: address.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch address.tls {
            case .disable:
                tls = .disable
            case .prefer, .require:
                // As libpq's modes of these names: encrypted when possible (or required), the certificate unchecked.
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification = .none
                let context = try NIOSSLContext(configuration: settings)
                tls = address.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(
                host: address.host, port: address.port, username: address.user, password: address.password,
                database: address.database, tls: tls)
        }
        configuration.options.connectTimeout = .milliseconds(Int64((address.connectTimeout * 1000).rounded()))
        return configuration
    }

    /// The `SELECT` of the article fields, after checking that the table and its required columns exist.
    private func selectStatement(_ run: (String) throws -> PostgresQueryResult) throws -> String {
        let source = address.description
        let qualified = table.name.split(separator: ".", maxSplits: 1).map { Self.identifier(String($0)) }
            .joined(separator: ".")
        let columns = try run(
            """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
            WHERE a.attrelid = to_regclass(\(Self.literal(qualified))) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """
        ).map { row in row.map { cell in cell.bytes.map { String(buffer: $0) } ?? "" } }
        guard !columns.isEmpty else {
            let tables = try run(
                """
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1 LIMIT 50
                """
            ).map { row in row.first?.bytes.map { String(buffer: $0) } ?? "" }
            throw DatabaseError.missingTable(path: source, table: table.name, found: tables)
        }
        let types = Dictionary(columns.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        var expressions: [String] = []
        var key = ""
        for (column, required) in table.columns {
            // Unquoted names are folded to lower case by PostgreSQL: accept the column in any case.
            guard let name = types[column] != nil ? column : types.keys.first(where: { $0.lowercased() == column.lowercased() })
            else {
                if required {
                    throw DatabaseError.missingColumn(path: source, table: table.name, column: column, found: columns.map { $0[0] })
                }
                expressions.append("NULL::text")
                continue
            }
            let quoted = "t." + Self.identifier(name)
            if key.isEmpty { key = quoted }
            let type = types[name] ?? "text"
            if column == table.published && type.hasPrefix("timestamp") && type.hasSuffix("with time zone") && !type.contains("without") {
                expressions.append("to_char(\(quoted) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
            } else if column == table.published && (type.hasPrefix("timestamp") || type == "date") {
                expressions.append("to_char(\(quoted), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
            } else if column == table.labels && type.hasSuffix("[]") {
                expressions.append("array_to_string(\(quoted), '|')")
            } else {
                expressions.append("\(quoted)::text")
            }
        }
        // The id column in its own order (named through the table: the output column of that name is text), so
        // that an index on it serves the order without a sort.
        return "SELECT \(expressions.joined(separator: ", ")) FROM \(qualified) AS t ORDER BY \(key)"
    }

    /// `name` as a quoted SQL identifier.
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// `text` as a quoted SQL string literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// The `DatabaseError` that says what `error` from the driver means for the read, without any password.
    static func databaseError(_ error: any Error, source: String, timeout: Double, connecting: Bool) -> DatabaseError {
        guard let error = error as? PSQLError else {
            return connecting ? .unreachable(source: source, reason: "\(error)") : .unreadable(path: source, reason: "\(error)")
        }
        let message = error.serverInfo?[.message] ?? ""
        let state = error.serverInfo?[.sqlState] ?? ""
        switch error.code {
        case .server:
            switch state {
            case "28P01", "28000": return .authentication(source: source, reason: message)
            case "57014": return .timedOut(source: source, seconds: timeout)
            case "57P01", "57P02", "57P03", "53300": 
                return connecting ? .unreachable(source: source, reason: message) : .connectionLost(source: source, reason: message)
            default:
                if state.hasPrefix("08") { return .connectionLost(source: source, reason: message) }
                return .unreadable(path: source, reason: "\(message) (SQLSTATE \(state))")
            }
        case .authMechanismRequiresPassword:
            return .authentication(source: source, reason: "the server asks for a password and none was given")
        case .unsupportedAuthMechanism, .saslError:
            return .authentication(source: source, reason: "the server's authentication method failed (\(error.code))")
        case .sslUnsupported:
            return .unreachable(source: source, reason: "the server does not offer TLS (sslmode=require asks for it)")
        case .connectionError, .failedToAddSSLHandler:
            let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return connecting ? .unreachable(source: source, reason: reason) : .connectionLost(source: source, reason: reason)
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            let reason = message.isEmpty ? "the server closed the connection" : message
            return connecting ? .unreachable(source: source, reason: reason) : .connectionLost(source: source, reason: reason)
        default:
            return .unreadable(path: source, reason: message.isEmpty ? "\(error.code)" : message)
        }
    }
}
