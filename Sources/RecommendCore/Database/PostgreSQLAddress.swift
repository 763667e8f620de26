internal import Foundation

/// A PostgreSQL database as a `postgresql://` (or `postgres://`) address names it, completed the way libpq
/// completes one: `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE` fill what the address leaves out; the password comes
/// from the address, else `PGPASSWORD`, else the password file (`PGPASSFILE`, default `~/.pgpass`, lines
/// `host:port:database:user:password` with `*` wildcards).
///
/// Query parameters: `table` (the articles table, over `--table`), `host` (a socket directory, as libpq's),
/// `sslmode` (`disable`, `prefer` (default), `require` or `verify-full`), `connect_timeout` and
/// `statement_timeout` (seconds; defaults 10 and 600). Anything else is refused, so that a misspelt parameter is not silently ignored.
///
/// The password never appears in `description`, in errors or in reports.
public struct PostgreSQLAddress: Sendable, Equatable, CustomStringConvertible {
    /// Whether the connection is encrypted.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it (libpq's default).
        case prefer
        /// TLS or no connection; the server's certificate is not checked (libpq's `require`).
        case require
        /// TLS with the server's certificate checked against the system's trusted roots and the host name.
        case verifyFull = "verify-full"
    }

    /// A host name or address for TCP, or a directory holding the server's socket when it starts with `/`.
    public var host: String
    public var port: Int
    public var user: String
    /// The password, if the address, the environment or the password file gave one.
    public var password: String?
    public var database: String
    /// The articles table the address names (`?table=`), if it does.
    public var table: String?
    public var tls: TLSMode
    /// Seconds to wait for the connection.
    public var connectTimeout: Double
    /// Seconds any one statement may run before the server cancels it.
    public var statementTimeout: Double

    /// Reads `address`, completing it from `environment` (default: the process's) and the password file it names.
    /// - Throws: `DatabaseError.badAddress` naming what is wrong.
    public init(_ address: String, environment: [String: String]? = nil) throws(DatabaseError) {
        let environment = environment ?? ProcessInfo.processInfo.environment
        func bad(_ reason: String) -> DatabaseError {
            .badAddress(address: Self.redacted(address), reason: reason)
        }
        guard let components = URLComponents(string: address),
            let scheme = components.scheme?.lowercased(), ["postgresql", "postgres"].contains(scheme)
        else { throw bad("not a postgresql://USER@HOST:PORT/DATABASE address") }

        var table: String?
        var socketDirectory: String?
        var tls = TLSMode.prefer
        var connectTimeout = 10.0
        var statementTimeout = 600.0
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "table": table = value
            case "host": socketDirectory = value
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw bad("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "connect_timeout", "statement_timeout":
                guard let seconds = Double(value), seconds > 0 else {
                    throw bad("\(item.name) must be seconds above 0")
                }
                if item.name == "connect_timeout" { connectTimeout = seconds } else { statementTimeout = seconds }
            default:
                throw bad(
                    "unknown parameter '\(item.name)' (known: table, host, sslmode, connect_timeout, statement_timeout)"
                )
            }
        }
        if let table, table.isEmpty { throw bad("table= needs a table name") }

        let host = socketDirectory ?? components.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"]
        let port: Int
        if let given = components.port {
            port = given
        } else if let text = environment["PGPORT"] {
            guard let number = Int(text), (1...65535).contains(number) else {
                throw bad("PGPORT '\(text)' is not a port")
            }
            port = number
        } else {
            port = 5432
        }
        let user =
            components.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"]
            ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database =
            path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGDATABASE"] ?? user
        if database.contains("/") { throw bad("the database name '\(database)' holds a '/'") }

        self.host =
            host
            ?? (FileManager.default.fileExists(atPath: "/var/run/postgresql") ? "/var/run/postgresql" : "localhost")
        self.port = port
        self.user = user
        self.database = database
        self.table = table
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        // An empty password counts as none, as in libpq.
        self.password =
            components.password.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.passwordFileEntry(
                environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }, host: self.host, port: port,
                database: database, user: user)
    }

    /// Whether `argument` is a PostgreSQL address.
    public static func names(_ argument: String) -> Bool {
        let lowered = argument.lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }

    /// The path of the server's socket, when `host` is a directory.
    var socketPath: String? { host.hasPrefix("/") ? "\(host)/.s.PGSQL.\(port)" : nil }

    /// The address without its password: `postgresql://USER@HOST:PORT/DATABASE`.
    public var description: String {
        let place = host.hasPrefix("/") ? "?host=\(host)" : ""
        let server = host.hasPrefix("/") ? "" : (host.contains(":") ? "[\(host)]" : host)
        return "postgresql://\(user)@\(server):\(port)/\(database)\(place)"
    }

    /// `address` with any password in it replaced by `***`, for messages about an address that could not be read:
    /// whatever follows the first `:` of the part between `//` and the last `@` before the path.
    static func redacted(_ address: String) -> String {
        guard let start = address.range(of: "//")?.upperBound else { return address }
        let rest = address[start...]
        let authority = rest[..<(rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex)]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return address
        }
        return String(address[...colon]) + "***" + String(address[at...])
    }

    /// The password of the first line of the password file at `path` matching the connection, as libpq reads it
    /// (`*` matches anything; `\:` and `\\` escape). A file others may read is ignored, as libpq ignores it.
    static func passwordFileEntry(_ path: String?, host: String, port: Int, database: String, user: String) -> String? {
        guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        // libpq matches a socket connection against the host name `localhost`.
        let hostName = host.hasPrefix("/") ? "localhost" : host
        let wanted = [hostName, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [""]
            var escaped = false
            for character in line {
                if escaped {
                    fields[fields.count - 1].append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(character)
                }
            }
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
