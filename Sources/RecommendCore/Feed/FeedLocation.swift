/// A place in an input file: the file as the user named it and a 1-based line number.
public struct FeedLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}
