#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A file's bytes in memory, read-only, for as long as this object lives: the file's own pages mapped, or a
/// copy the process owns. A class for its identity: the views into the bytes keep it alive. Immutable after
/// init, hence safe to share between threads.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let path: String

    /// Opens `path`, which must be a regular file (a FIFO or a device is refused without blocking on it).
    /// - Parameter copy: read the file into memory of the process's own instead of mapping its pages, so that
    ///   nothing done to the file later (truncated, overwritten in place) changes or faults what was read.
    init(path: String, copy: Bool = false) throws(IndexFileError) {
        self.path = path
        func failure(_ reason: String? = nil) -> IndexFileError {
            .unreadable(path: path, reason: reason ?? String(cString: strerror(errno)))
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw failure() }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure() }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw failure("not a regular file") }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let protection = copy ? PROT_READ | PROT_WRITE : PROT_READ
        let flags = copy ? MAP_PRIVATE | MAP_ANONYMOUS : MAP_PRIVATE
        guard let base = mmap(nil, size, protection, flags, copy ? -1 : fd, 0), base != MAP_FAILED else {
            throw failure()
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        guard copy else { return }
        var done = 0
        while done < size {
            let n = pread(fd, base + done, size - done, off_t(done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                munmap(base, size)
                throw failure(n == 0 ? "the file shrank while it was read" : nil)
            }
            done += n
        }
        mprotect(base, size, PROT_READ)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
