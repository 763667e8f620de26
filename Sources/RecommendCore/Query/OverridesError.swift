/// Why an editorial overrides file cannot be used. The file is refused whole: a half-applied set of pins and
/// blocks could show an article an editor blocked.
public enum OverridesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be read.
    case unreadable(path: String, reason: String)
    /// The file is not a JSON array of objects.
    case malformed(path: String, detail: String)
    /// Entry `entry` (1-based), starting on line `line`, is not a valid pin or block.
    case badEntry(path: String, entry: Int, line: Int, detail: String)
    /// The index the rules name articles of is damaged where their ids are looked up.
    case damagedIndex(IndexFileError)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read the overrides: \(reason)"
        case .malformed(let path, let detail):
            "\(path): overrides must be a JSON array of pin and block objects: \(detail)"
        case .badEntry(let path, let entry, let line, let detail):
            "\(path):\(line): overrides entry \(entry): \(detail)"
        case .damagedIndex(let error): "\(error)"
        }
    }
}
