internal import Foundation

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The files of an index across rebuilds: the serving index `PATH`, the previous generations `PATH.1` (the one
/// before) up to `PATH.keep`, and temporary files `PATH.tmp-PID` being written.
public struct IndexGenerations: Sendable {
    /// The serving index.
    public let path: String
    /// Previous generations kept beside it.
    public let keep: Int

    public init(path: String, keep: Int) {
        self.path = path
        self.keep = max(0, keep)
    }

    /// The file of the `n`-th previous generation (1 = the one before the serving index).
    public func previous(_ n: Int) -> String { "\(path).\(n)" }

    /// Previous generations that exist, newest first.
    public var kept: [String] {
        (0..<keep).map { previous($0 + 1) }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Removes temporary files of `path` left by writers that no longer run (a killed job); a temporary
    /// file of a live process is left alone. Returns the files removed.
    public func removeStaleTemporaries() -> [String] {
        let directory = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent + ".tmp-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        var removed: [String] = []
        for name in names where name.hasPrefix(base) {
            guard let pid = Int32(name.dropFirst(base.count)) else { continue }
            if pid != getpid(), kill(pid, 0) == 0 || errno == EPERM { continue }
            let file = directory.isEmpty ? name : directory + "/" + name
            if unlink(file) == 0 { removed.append(file) }
        }
        return removed
    }

    /// Moves the generations along before a new index is installed: `PATH.(keep-1)` becomes `PATH.keep`, ...,
    /// and `PATH.1` becomes a hard link to the serving `PATH`, which keeps serving until the new index is renamed
    /// over it. Done again after an interruption, it does not shift twice (when `PATH.1` already is `PATH`).
    /// - Throws: `ReindexError.failed(step: .rotate, ...)`.
    public func rotate() throws {
        guard keep > 0, FileManager.default.fileExists(atPath: path) else { return }
        if sameFile(path, previous(1)) { return }
        for n in stride(from: keep - 1, through: 1, by: -1) where FileManager.default.fileExists(atPath: previous(n)) {
            guard rename(previous(n), previous(n + 1)) == 0 else { throw failure("rename \(previous(n))") }
        }
        unlink(previous(1))
        guard link(path, previous(1)) == 0 else { throw failure("link \(path) to \(previous(1))") }
    }

    /// The size of the file at `path` in bytes, nil if it cannot be read.
    static func size(of path: String) -> Int? {
        var s = stat()
        return stat(path, &s) == 0 ? Int(s.st_size) : nil
    }

    private func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat()
        var sb = stat()
        return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    private func failure(_ what: String) -> ReindexError {
        .failed(step: .rotate, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
