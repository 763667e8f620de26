/// Why an index file cannot be used. Every case names the file; none is ever answered with a guess.
public enum IndexFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The file does not start with the index magic number.
    case notAnIndex(path: String)
    /// The file was written by a different format version.
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    /// The file is shorter (or longer) than its header says: typically a copy cut short.
    case truncated(path: String, expected: UInt64, actual: UInt64)
    /// A checksum does not match: the named part of the file is damaged.
    case checksumMismatch(path: String, part: String)
    /// The file is structurally inconsistent (a section out of bounds, a list pointing nowhere, ...).
    case malformed(path: String, detail: String)
    /// A required section is absent.
    case missingSection(path: String, section: String)
    /// The index could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read the index: \(reason)"
        case .notAnIndex(let path): "\(path): not a recommend index (wrong magic number)"
        case .unsupportedVersion(let path, let found, let supported):
            "\(path): index format version \(found); this build reads version \(supported): rebuild the index"
        case .truncated(let path, let expected, let actual):
            "\(path): index is truncated or damaged: header says \(expected) bytes, file has \(actual)"
        case .checksumMismatch(let path, let part): "\(path): index is corrupt: checksum mismatch in \(part)"
        case .malformed(let path, let detail): "\(path): index is corrupt: \(detail)"
        case .missingSection(let path, let section): "\(path): index has no '\(section)' section"
        case .writeFailed(let path, let reason): "\(path): cannot write the index: \(reason)"
        }
    }
}
