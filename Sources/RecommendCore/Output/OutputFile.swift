#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The one way the project writes a file: a regular file (or a new one) is replaced atomically (a temporary
/// file beside it, flushed, renamed over it, the directory flushed), so a crash never leaves a half-written file
/// under the real name; `-` is standard output; an existing character device or FIFO (`/dev/stdout`, a named
/// pipe) is written through. Anything else that exists is refused before a byte is written.
public enum OutputFile {
    /// What a path names, decided before anything is written.
    enum Target: Equatable {
        /// `-`.
        case standardOutput
        /// An existing character device or FIFO (or a link to one): opened and written in place.
        case stream(String)
        /// A regular file or nothing yet: written under a temporary name and renamed into place.
        case file(String)
    }

    /// What `path` names. With `streams` false only `.file` is accepted (an index must be a regular file).
    /// - Throws: `OutputError.notReplaceable` for a directory, socket, block device, or (without `streams`) a
    ///   character device or FIFO, following symbolic links.
    static func target(_ path: String, streams: Bool) throws(OutputError) -> Target {
        if path == "-" {
            guard streams else { throw .notReplaceable(path: path, kind: "standard output") }
            return .standardOutput
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            // Nothing there (or a dangling link, which the rename replaces): a new file.
            return .file(path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(path)
        case S_IFCHR where streams: return .stream(path)
        case S_IFIFO where streams: return .stream(path)
        case S_IFCHR: throw .notReplaceable(path: path, kind: "a character device")
        case S_IFIFO: throw .notReplaceable(path: path, kind: "a FIFO")
        case S_IFDIR: throw .notReplaceable(path: path, kind: "a directory")
        case S_IFSOCK: throw .notReplaceable(path: path, kind: "a socket")
        case S_IFBLK: throw .notReplaceable(path: path, kind: "a block device")
        default: throw .notReplaceable(path: path, kind: "not a regular file")
        }
    }

    /// Refuses `path` unless it is a regular file or does not exist: what an index, which is replaced by rename,
    /// may be.
    /// - Throws: `OutputError.notReplaceable`.
    public static func checkReplaceable(_ path: String) throws(OutputError) {
        _ = try target(path, streams: false)
    }

    /// Writes `bytes` to `path`: atomically for a file, straight through for `-`, a character device or a FIFO.
    /// - Throws: `OutputError`; a file is then unchanged.
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        switch try target(path, streams: true) {
        case .standardOutput: try writeAll(bytes, to: STDOUT_FILENO, path: path)
        case .stream(let stream):
            let fd = open(stream, O_WRONLY)
            guard fd >= 0 else { throw .writeFailed(path: path, reason: systemError("open")) }
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: path)
        case .file(let file):
            let temporary = temporaryPath(for: file)
            try writeDurably(bytes, to: temporary, reporting: file)
            try install(temporary, at: file)
        }
    }

    /// The temporary name this process writes `path` under before renaming it into place.
    static func temporaryPath(for path: String) -> String { path + ".tmp-\(getpid())" }

    /// Writes `bytes` to the new file `file` and flushes them to disk; on failure `file` is removed.
    /// - Throws: `OutputError.writeFailed` naming `path` (what the file is meant to become).
    static func writeDurably(_ bytes: [UInt8], to file: String, reporting path: String) throws(OutputError) {
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: systemError("create \(file)")) }
        do throws(OutputError) {
            try writeAll(bytes, to: fd, path: path)
            FaultPoint.reach(.beforeSync)
            guard fsync(fd) == 0 else { throw OutputError.writeFailed(path: path, reason: systemError("fsync")) }
            FaultPoint.reach(.afterSync)
        } catch {
            close(fd)
            unlink(file)
            throw error
        }
        close(fd)
    }

    /// Renames the complete file `temporary` over `path` and syncs the directory, so the rename survives a crash.
    /// - Throws: `OutputError` (`notReplaceable` when `path` has become something other than a regular file);
    ///   `temporary` is then removed and `path` unchanged.
    static func install(_ temporary: String, at path: String) throws(OutputError) {
        do throws(OutputError) { try checkReplaceable(path) } catch {
            unlink(temporary)
            throw error
        }
        FaultPoint.reach(.beforeRename)
        guard rename(temporary, path) == 0 else {
            let reason = systemError("rename")
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        FaultPoint.reach(.afterRename)
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let dirfd = open(directory, O_RDONLY)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }

    /// Writes every byte to `fd`, retrying short writes and interrupts.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(OutputError) {
        var written = 0
        FaultPoint.startWrite(bytes: bytes.count)
        let failed = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let chunk = FaultPoint.writeChunk(remaining: raw.count - written, written: written)
                let n = systemWrite(fd, raw.baseAddress! + written, chunk)
                if n < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                written += n
            }
            return false
        }
        if failed { throw .writeFailed(path: path, reason: systemError("write")) }
    }

    private static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, bytes, count)
        #else
        Darwin.write(fd, bytes, count)
        #endif
    }

    private static func systemError(_ step: String) -> String { "\(step): \(String(cString: strerror(errno)))" }
}
