internal import Foundation
internal import Logging
internal import NIOCore
internal import NIOSSL
internal import PostgresNIO

/// One connection to a PostgreSQL server, used synchronously by the CLI's commands (the nightly job is a plain
/// sequence of statements): each statement waits for its result on the driver's own event loop threads, never on
/// the caller's. Every driver failure becomes a `DatabaseError` that names the server without any password.
final class PostgreSQLSession {
    let address: PostgreSQLAddress
    private let connection: PostgresConnection
    private let logger: Logger

    /// Connects to `address`.
    /// - Throws: `DatabaseError`: the server unreachable, the login refused, no such database.
    init(_ address: PostgreSQLAddress) throws(DatabaseError) {
        self.address = address
        var logger = Logger(label: "recommend.postgresql")
        // Failures are reported by the errors thrown, once, without the driver's own log lines.
        logger.logLevel = .critical
        self.logger = logger
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.next(), configuration: try Self.configuration(address),
                id: 1, logger: logger
            ).wait()
        } catch {
            throw Self.databaseError(error, address: address, connecting: true)
        }
    }

    deinit { _ = try? connection.close().wait() }

    /// Runs `sql` and returns every row of its result.
    /// - Throws: `DatabaseError`.
    @discardableResult
    func run(_ sql: String) throws(DatabaseError) -> PostgresQueryResult {
        try run(PostgresQuery(unsafeSQL: sql))
    }

    /// Runs `query` (with its bound values) and returns every row of its result.
    /// - Throws: `DatabaseError`.
    @discardableResult
    func run(_ query: PostgresQuery) throws(DatabaseError) -> PostgresQueryResult {
        do { return try connection.query(query, logger: logger).wait() } catch {
            throw Self.databaseError(error, address: address, connecting: false)
        }
    }

    /// The text of every column of every row of `result` (nil for NULL).
    static func texts(_ result: PostgresQueryResult) -> [[String?]] {
        result.map { row in row.map { cell in cell.bytes.map { String(buffer: $0) } } }
    }

    /// `name` as a quoted SQL identifier; `SCHEMA.NAME` as two.
    static func qualifiedIdentifier(_ name: String) -> String {
        name.split(separator: ".", maxSplits: 1).map { identifier(String($0)) }.joined(separator: ".")
    }

    /// `name` as a quoted SQL identifier.
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// `text` as a quoted SQL string literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// The connection settings of `address`.
    private static func configuration(_ address: PostgreSQLAddress) throws -> PostgresConnection.Configuration {
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

    /// The `DatabaseError` that says what `error` from the driver means, without any password.
    static func databaseError(_ error: any Error, address: PostgreSQLAddress, connecting: Bool) -> DatabaseError {
        let source = address.description
        guard let error = error as? PSQLError else {
            return connecting
                ? .unreachable(source: source, reason: "\(error)") : .unreadable(path: source, reason: "\(error)")
        }
        let message = error.serverInfo?[.message] ?? ""
        let state = error.serverInfo?[.sqlState] ?? ""
        /// A broken connection: before the login, the server is unreachable; after it, the work was cut off.
        func broken(_ reason: String) -> DatabaseError {
            connecting ? .unreachable(source: source, reason: reason) : .connectionLost(source: source, reason: reason)
        }
        switch error.code {
        case .server:
            switch state {
            case "28P01", "28000": return .authentication(source: source, reason: message)
            case "57014": return .timedOut(source: source, seconds: address.statementTimeout)
            // Shut down or terminated by an administrator, starting up, too many connections.
            case "57P01", "57P02", "57P03", "53300": return broken(message)
            default:
                if state.hasPrefix("08") { return broken(message) }
                return .unreadable(path: source, reason: "\(message) (SQLSTATE \(state))")
            }
        case .authMechanismRequiresPassword:
            return .authentication(source: source, reason: "the server asks for a password and none was given")
        case .unsupportedAuthMechanism, .saslError:
            return .authentication(source: source, reason: "the server's authentication method failed (\(error.code))")
        case .sslUnsupported:
            return .unreachable(source: source, reason: "the server does not offer TLS (sslmode=require asks for it)")
        case .connectionError, .failedToAddSSLHandler:
            return broken(error.underlying.map { "\($0)" } ?? "\(error.code)")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return broken(message.isEmpty ? "the server closed the connection" : message)
        default:
            return .unreadable(path: source, reason: message.isEmpty ? "\(error.code)" : message)
        }
    }
}
