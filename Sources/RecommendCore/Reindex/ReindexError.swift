/// Why a reindex stopped. Except for `.failed(step: .report, ...)`, the previous index is untouched.
public enum ReindexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another reindex of the same index holds the lock.
    case locked(lockFile: String, holder: String?)
    /// A step failed; `reason` says what happened.
    case failed(step: ReindexStep, reason: String)
    /// A step met a condition that passes (the source database locked by a writer): worth a retry later.
    case unavailable(step: ReindexStep, reason: String)
    /// The new index was written but does not pass its checks; it was deleted.
    case invalidIndex(path: String, detail: String)
    /// The source yields `next` articles, more than `limit` (a share) fewer than the `previous` of the serving
    /// index: a truncated export or a wrong table is more likely than a real loss, so nothing was built.
    case shrinking(previous: Int, next: Int, limit: Double)

    /// The step that failed.
    public var step: ReindexStep {
        switch self {
        case .locked: .lock
        case .failed(let step, _), .unavailable(let step, _): step
        case .invalidIndex: .validate
        case .shrinking: .read
        }
    }

    public var description: String {
        switch self {
        case .locked(let lockFile, let holder):
            "another reindex is running (\(lockFile) is locked\(holder.map { " by \($0)" } ?? "")); "
                + "try again when it has finished"
        case .failed(let step, let reason):
            "reindex failed at step '\(step.rawValue)': \(reason)"
                + (step == .report ? " (the new index is in place)" : "; the previous index is unchanged")
        case .unavailable(let step, let reason):
            "reindex stopped at step '\(step.rawValue)': \(reason); the previous index is unchanged"
        case .invalidIndex(let path, let detail):
            "reindex failed at step 'validate': the new index \(path) \(detail); it was removed and the previous "
                + "index is unchanged"
        case .shrinking(let previous, let next, let limit):
            "reindex refused at step 'read': the source yields \(next) articles, "
                + "\(Int((Double(previous - next) / Double(max(1, previous)) * 100).rounded()))% fewer than the \(previous) "
                + "of the serving index (at most \(Int((limit * 100).rounded()))% may go); the previous index is "
                + "unchanged. Check the source, or pass --allow-shrink if the archive really lost them"
        }
    }
}
