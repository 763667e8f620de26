/// Why `recommend serve` will not start with the configuration it was given.
public enum ServerConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Entry `entry` (1-based; 0 for the list as a whole) of the editor list in `source` is not usable.
    case badCredentials(source: String, entry: Int, detail: String)
    /// The editor list file cannot be read.
    case unreadableCredentials(path: String, reason: String)
    /// The reader's block template file cannot be read or is not a mustache template.
    case badReaderTemplate(path: String, reason: String)
    /// The address is not loopback and no editor credentials were given.
    case exposedWithoutCredentials(host: String)

    public var description: String {
        switch self {
        case .badCredentials(let source, let entry, let detail):
            entry == 0 ? "\(source): \(detail)" : "\(source): entry \(entry): \(detail)"
        case .unreadableCredentials(let path, let reason): "\(path): cannot read the editor list: \(reason)"
        case .badReaderTemplate(let path, let reason): "\(path): cannot use it as the reader's block: \(reason)"
        case .exposedWithoutCredentials(let host):
            "refusing to listen on \(host) without editor credentials: anyone reaching it could not be told from an "
                + "editor. Give --editors FILE or \(EditorCredentials.environmentVariable)=name:secret, or bind "
                + "127.0.0.1 behind a proxy"
        }
    }
}
