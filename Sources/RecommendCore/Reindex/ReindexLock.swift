internal import Foundation

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// An exclusive `flock` on `INDEX.lock`, held while the object lives. The kernel releases it when the process
/// ends however it ends, so a killed job never leaves a stale lock behind. The file holds the holder's pid, for
/// the message a second job prints.
public final class ReindexLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock of the index at `indexPath` without waiting.
    /// - Throws: `ReindexError.locked` when another process holds it, `.failed(step: .lock, ...)` when the lock
    ///   file cannot be opened.
    public init(indexPath: String) throws {
        path = indexPath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ReindexError.failed(step: .lock, reason: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = read(fd, &buffer, buffer.count)
            close(fd)
            guard busy else { throw ReindexError.failed(step: .lock, reason: "cannot lock \(path): \(reason)") }
            let holder = n > 0 ? String(decoding: buffer.prefix(n), as: UTF8.self).trimmed : ""
            throw ReindexError.locked(lockFile: path, holder: holder.isEmpty ? nil : "pid \(holder)")
        }
        descriptor = fd
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }
}
