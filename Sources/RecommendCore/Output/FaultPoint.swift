#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Deterministic crash points for the fault-injection test of the nightly job (`Scripts/fault-injection`):
/// with `RECOMMEND_FAULT_POINT` set to a point's name, the process kills itself with `SIGKILL` when it reaches
/// that point, as a power cut or the OOM killer would. `after-bytes:K` kills a file write after exactly `K`
/// bytes. Unset (always, outside that test), every point costs one comparison.
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

    /// The point this process is to stop at, from the environment.
    private static let armed: FaultPoint? = {
        guard let value = getenv("RECOMMEND_FAULT_POINT").map({ String(cString: $0) }), !value.isEmpty else {
            return nil
        }
        if value.hasPrefix("after-bytes:"), let k = Int(value.dropFirst("after-bytes:".count)), k >= 0 {
            return .afterBytes(k)
        }
        return named.first { $0.name == value }
    }()

    /// Kills the process when `point` is the armed one.
    static func reach(_ point: FaultPoint) {
        guard let armed, armed == point else { return }
        kill(getpid(), SIGKILL)
    }

    /// How many of the `remaining` bytes a write may pass to the system after `written` bytes: all of them,
    /// unless `after-bytes:K` is armed, when the write stops (and the process dies) at exactly `K` bytes.
    static func writeChunk(remaining: Int, written: Int) -> Int {
        guard case .afterBytes(let k)? = armed else { return remaining }
        if written >= k { reach(.afterBytes(k)) }
        return min(remaining, max(1, k - written))
    }
}
