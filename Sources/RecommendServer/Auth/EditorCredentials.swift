internal import Foundation
/// Who may edit: a list of `name:secret` entries, one a line (or separated by commas, as an environment variable
/// is easier to write), blank lines and `#` comments ignored. An editor signs in with HTTP Basic authentication
/// (`name` and `secret`) or sends the secret alone as a bearer token (`Authorization: Bearer <secret>`), which
/// names the editor of that entry in the audit log.
public struct EditorCredentials: Sendable, Equatable {
    /// (name, secret), in the order given.
    let entries: [(name: String, secret: [UInt8])]

    /// The environment variable `recommend serve` reads the list from when no file is named.
    public static let environmentVariable = "RECOMMEND_EDITORS"

    /// Parses a list; `source` names it in messages (a file path, or the environment variable).
    /// - Throws: `ServerConfigurationError.badCredentials` for an entry without a name or a secret, a secret
    ///   shorter than 8 bytes, or a name given twice.
    public init(text: String, source: String) throws(ServerConfigurationError) {
        var entries: [(name: String, secret: [UInt8])] = []
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "," }
        for (n, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ detail: String) -> ServerConfigurationError {
                .badCredentials(source: source, entry: n + 1, detail: detail)
            }
            guard let colon = line.firstIndex(of: ":") else { throw fail("expected name:secret") }
            let name = String(line[..<colon])
            let secret = Array(line[line.index(after: colon)...].utf8)
            guard !name.isEmpty else { throw fail("the name is empty") }
            guard secret.count >= 8 else { throw fail("the secret of '\(name)' is shorter than 8 characters") }
            guard !entries.contains(where: { $0.name == name }) else { throw fail("'\(name)' is listed twice") }
            entries.append((name, secret))
        }
        guard !entries.isEmpty else { throw .badCredentials(source: source, entry: 0, detail: "no name:secret entry") }
        self.entries = entries
    }

    /// The list in `file`, else in the environment variable `RECOMMEND_EDITORS` of `environment` (nil: the
    /// process's); nil when neither is given.
    /// - Throws: `ServerConfigurationError` for a file that cannot be read or a list with a bad entry.
    public static func load(file: String?, environment: [String: String]? = nil) throws(ServerConfigurationError)
        -> EditorCredentials?
    {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let file {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw .unreadableCredentials(path: file, reason: (error as NSError).localizedDescription)
            }
            return try EditorCredentials(text: text, source: file)
        }
        guard let text = environment[environmentVariable], !text.isEmpty else { return nil }
        return try EditorCredentials(text: text, source: environmentVariable)
    }

    /// The editor these Basic credentials name, if the secret matches.
    func editor(name: String, secret: String) -> Editor? {
        let given = Array(secret.utf8)
        var found: Editor?
        for entry in entries where entry.name == name && Self.equalInConstantTime(entry.secret, given) {
            found = Editor(name: entry.name)
        }
        return found
    }

    /// The editor whose secret this bearer token is.
    func editor(token: String) -> Editor? {
        let given = Array(token.utf8)
        var found: Editor?
        for entry in entries where Self.equalInConstantTime(entry.secret, given) { found = Editor(name: entry.name) }
        return found
    }

    /// Compares every byte whatever the first difference, so the time taken does not tell how much of a guess was
    /// right.
    private static func equalInConstantTime(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    public static func == (lhs: EditorCredentials, rhs: EditorCredentials) -> Bool {
        lhs.entries.map(\.name) == rhs.entries.map(\.name) && lhs.entries.map(\.secret) == rhs.entries.map(\.secret)
    }
}
