/// Why output could not be written. Nothing but the named file is ever replaced: a path that names a device, a
/// FIFO, a socket or a directory (or a symbolic link to one) is written through or refused, never renamed over.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `path` exists and is not a regular file, so it may not be replaced (`kind` says what it is).
    case notReplaceable(path: String, kind: String)
    /// Writing failed; `reason` is the system's.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .notReplaceable(let path, let kind):
            "\(path): is \(kind), not a regular file; refusing to replace it (nothing was written)"
        case .writeFailed(let path, let reason): "\(path): cannot write: \(reason)"
        }
    }
}
