import Foundation
import RecommendCore

/// What every harness shares: the input as bytes, a scratch directory for the files the readers open, and the
/// way a harness reports a broken invariant (a trap, which libFuzzer records as a crash with its input).
public enum Fuzz {
    /// The fuzzer's input as an array.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Runs libFuzzer with the process's arguments over `test` (the harness's `LLVMFuzzerTestOneInput`) and exits.
    /// SwiftPM links every executable with an entry point of its own, so libFuzzer's `main` cannot be used.
    public static func run(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, test))
    }

    /// A directory of this process's own, removed when the process exits normally: in memory (`/dev/shm`) where
    /// there is one, since the harnesses write a file per input, else in `$TMPDIR`.
    public static let directory: String = {
        let environment = ProcessInfo.processInfo.environment
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/recommend-fuzz-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("cannot create a scratch directory in \(base)") }
        let path = String(cString: made)
        scratch = path
        atexit { if let scratch = Fuzz.scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        return path
    }()

    nonisolated(unsafe) private static var scratch: String?

    /// Writes `bytes` to the file `name` of the scratch directory (replacing it) and returns its path.
    @discardableResult
    public static func write(_ bytes: [UInt8], to name: String) -> String {
        let path = directory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { fatalError("cannot write \(path)") }
        defer { close(fd) }
        var written = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                guard n > 0 else { fatalError("cannot write \(path)") }
                written += n
            }
        }
        return path
    }

    /// Stops the run with `message`: libFuzzer keeps the input that led here.
    public static func broken(_ message: @autoclosure () -> String) -> Never {
        fatalError("fuzz invariant broken: \(message())")
    }
}

/// libFuzzer's driver: parses the libFuzzer flags in `argv` and runs `callback` on each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
