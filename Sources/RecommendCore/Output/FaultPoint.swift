internal import Synchronization

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Deterministic crash points for the fault-injection test of the nightly job (`Scripts/fault-injection`):
/// with `RECOMMEND_FAULT_POINT` set to a point's name, the process kills itself with `SIGKILL` when it reaches
/// that point, as a power cut or the OOM killer would. `after-bytes:K` kills a file write after exactly `K`
/// bytes (a write of `K` bytes or fewer never reaches it). `NAME#N` stops at the `N`-th time the point is
/// reached (the renames and syncs are reached once per installed file, the index then the report;
/// `after-bytes:K#N` counts file writes: `#2` is the report). Two values do not kill: `list` prints every
/// point name and exits 0 at the first point reached (`reindex`: before it touches anything); `trace` prints
/// on standard error each point as it is reached (`fault-point NAME#N`) and each file write with its size
/// (`fault-point write#N BYTES`).
/// Unset (always, outside that test), every point costs one comparison.
public enum FaultPoint: Equatable, Sendable {
    /// Before the reindex step starts (`before-lock`, `before-build`, ...).
    case beforeStep(ReindexStep)
    /// A file write has put `K` bytes into the temporary file.
    case afterBytes(Int)
    /// The temporary file is complete, not yet flushed (`before-fsync`) / flushed (`after-fsync`).
    case beforeSync
    case afterSync
    /// The complete file is about to be renamed into place (`before-rename`) / has been (`after-rename`).
    case beforeRename
    case afterRename

    /// The name `RECOMMEND_FAULT_POINT` gives the point.
    public var name: String {
        switch self {
        case .beforeStep(let step): "before-\(step.rawValue)"
        case .afterBytes(let k): "after-bytes:\(k)"
        case .beforeSync: "before-fsync"
        case .afterSync: "after-fsync"
        case .beforeRename: "before-rename"
        case .afterRename: "after-rename"
        }
    }

    /// Every point but `afterBytes`, in the order a reindex reaches them (the renames are reached once per
    /// installed file: the index, then the report).
    public static let named: [FaultPoint] =
        ReindexStep.allCases.map { .beforeStep($0) } + [.beforeSync, .afterSync, .beforeRename, .afterRename]

    /// What `RECOMMEND_FAULT_POINT` asks for.
    private enum Mode {
        /// Kill the process the `occurrence`-th time `point` is reached.
        case stop(FaultPoint, occurrence: Int)
        case list
        case trace
    }

    private static let mode: Mode? = {
        guard let value = getenv("RECOMMEND_FAULT_POINT").map({ String(cString: $0) }), !value.isEmpty else {
            return nil
        }
        if value == "list" { return .list }
        if value == "trace" { return .trace }
        var name = Substring(value)
        var occurrence = 1
        if let hash = name.lastIndex(of: "#") {
            occurrence = Int(name[name.index(after: hash)...]) ?? 0
            name = name[..<hash]
        }
        var point = named.first { $0.name == name }
        if name.hasPrefix("after-bytes:"), let k = Int(name.dropFirst("after-bytes:".count)), k >= 0 {
            point = .afterBytes(k)
        }
        guard let point, occurrence >= 1 else {
            printError("warning: RECOMMEND_FAULT_POINT=\(value) names no fault point; ignored")
            return nil
        }
        return .stop(point, occurrence: occurrence)
    }()

    /// How many times each point has been reached (`write` counts file writes).
    private static let reached = Mutex<[String: Int]>([:])

    private static func count(_ key: String) -> Int {
        reached.withLock { counts in
            counts[key, default: 0] += 1
            return counts[key]!
        }
    }

    /// Kills the process when `point` is the armed one (at the armed occurrence).
    static func reach(_ point: FaultPoint) {
        guard let mode else { return }
        switch mode {
        case .stop(let armed, let occurrence):
            guard armed == point, count(point.name) == occurrence else { return }
            kill(getpid(), SIGKILL)
        case .trace:
            printError("fault-point \(point.name)#\(count(point.name))")
        case .list:
            for point in named { print(point.name) }
            exit(0)
        }
    }

    /// Writes `line` to standard error at once (unbuffered: the process may be killed next).
    private static func printError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// A file write of `bytes` bytes begins (counted for `after-bytes:K#N`, printed by `trace`).
    static func startWrite(bytes: Int) {
        guard let mode else { return }
        switch mode {
        case .stop(.afterBytes, _): _ = count("write")
        case .trace: printError("fault-point write#\(count("write")) \(bytes)")
        default: break
        }
    }

    /// How many of the `remaining` bytes a write may pass to the system after `written` bytes: all of them,
    /// unless `after-bytes:K` is armed for this write, when the write stops (and the process dies) at exactly
    /// `K` bytes.
    static func writeChunk(remaining: Int, written: Int) -> Int {
        guard case .stop(.afterBytes(let k), let occurrence)? = mode,
            reached.withLock({ $0["write", default: 0] }) == occurrence, written <= k
        else { return remaining }
        if written == k { kill(getpid(), SIGKILL) }
        return min(remaining, k - written)
    }
}
