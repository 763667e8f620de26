/// A place in an input: the file as the user named it and a 1-based line number; for a database row, the
/// source and table, the row's position in the read, and its key.
public struct FeedLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The row's id as the database holds it (PostgreSQL rows, whose position alone would not find them).
    public var key: String?

    public init(file: String, line: Int, key: String? = nil) {
        self.file = file
        self.line = line
        self.key = key
    }

    public var description: String { key.map { "\(file):\(line) (id \($0))" } ?? "\(file):\(line)" }
}
