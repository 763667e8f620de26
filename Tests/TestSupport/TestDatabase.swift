internal import Foundation
public import RecommendCore

/// A PostgreSQL database of its own on the tests' server, created by `init` and dropped by `drop()`; SQL runs
/// through `psql`, as an operator's would.
///
/// The server is the one `Scripts/test-database` (run by `Scripts/setup`) starts, reached as
/// `postgresql://recommend_test:recommend_test@127.0.0.1:5432/postgres`, or the one `RECOMMEND_TEST_POSTGRESQL`
/// names (a role that may create databases).
public struct TestDatabase: Sendable {
    /// Why a test database could not be made or used.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The address of the server's maintenance database, used to create and drop test databases.
    public static let serverAddress =
        ProcessInfo.processInfo.environment["RECOMMEND_TEST_POSTGRESQL"]
        ?? "postgresql://recommend_test:recommend_test@127.0.0.1:5432/postgres"

    /// The database's name.
    public let name: String

    public init() throws {
        name = "recommend_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        do {
            try Self.psql(Self.serverAddress, "CREATE DATABASE \(name)")
        } catch {
            throw Failure(
                description:
                    "no PostgreSQL server for the tests at \(Self.serverAddress): run Scripts/test-database (Scripts/setup "
                    + "does) or set RECOMMEND_TEST_POSTGRESQL (\(error))")
        }
    }

    /// The database's address with the test role's password, and `query` (e.g. `table=articles`) appended.
    public func address(query: String? = nil) -> String {
        var components = URLComponents(string: Self.serverAddress)!
        components.path = "/" + name
        components.query = query
        return components.string!
    }

    /// The same address without the password, for tests of where a password comes from.
    public func addressWithoutPassword(query: String? = nil) -> String {
        var components = URLComponents(string: address(query: query))!
        components.password = nil
        return components.string!
    }

    /// The test role's password.
    public static var password: String { URLComponents(string: serverAddress)?.password ?? "" }

    /// Runs `sql` (several statements allowed) in the database; fails on the first error.
    public func execute(_ sql: String) throws { try Self.psql(address(), sql) }

    /// The rows `sql` returns, each as its columns' text (`|`-separated by psql, split here).
    public func rows(_ sql: String) throws -> [[String]] {
        try Self.psql(address(), sql, tuples: true).split(separator: "\n").map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// A table `name` holding `articles` with the columns the reader expects by default (a `timestamptz`
    /// published, a `text[]` labels), inserted in `order` (default: as given).
    public func createArticles(_ articles: [Article], table: String = "articles") throws {
        func literal(_ text: String?) -> String {
            text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
        }
        var sql = """
            CREATE TABLE \(table) (id text PRIMARY KEY, title text, body text, published timestamptz, category text,
                labels text[], url text);

            """
        for chunk in stride(from: 0, to: articles.count, by: 500) {
            let values = articles[chunk..<min(articles.count, chunk + 500)].map { a in
                let published = a.published.map { "to_timestamp(\($0))" } ?? "NULL"
                let labels = "ARRAY[" + a.labels.map { literal($0) }.joined(separator: ",") + "]::text[]"
                return "(\(literal(a.id)), \(literal(a.title)), \(literal(a.body)), \(published), "
                    + "\(literal(a.category)), \(labels), \(literal(a.url)))"
            }
            sql += "INSERT INTO \(table) VALUES \(values.joined(separator: ",\n"));\n"
        }
        try execute(sql)
    }

    /// Drops the database, ending any connection still open to it.
    public func drop() {
        _ = try? Self.psql(Self.serverAddress, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    @discardableResult
    private static func psql(_ address: String, _ sql: String, tuples: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", address, "-X", "-q", "-v", "ON_ERROR_STOP=1"] + (tuples ? ["-A", "-t"] : [])
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "psql failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return text
    }
}
