internal import Foundation

/// What tells one index file from its replacement at the same path: device, inode, size and modification time.
/// A rename into place changes the inode; a rewrite in place changes size or time.
struct FileIdentity: Sendable, Equatable, CustomStringConvertible {
    var device: UInt64
    var inode: UInt64
    var size: UInt64
    var modified: Date

    /// The identity of the file at `path` now, or `nil` if there is none.
    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value,
            let size = (attributes[.size] as? NSNumber)?.uint64Value,
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        self.device = (attributes[.systemNumber] as? NSNumber)?.uint64Value ?? 0
        self.inode = inode
        self.size = size
        self.modified = modified
    }

    var description: String { "inode \(inode), \(size) bytes, modified \(modified.ISO8601Format())" }
}
