/// Why a reindex stopped. Except for `.failed(step: .report, ...)`, the previous index is untouched.
public enum ReindexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another reindex of the same index holds the lock.
    case locked(lockFile: String, holder: String?)
    /// A step failed; `reason` says what happened.
    case failed(step: ReindexStep, reason: String)
    /// The new index was written but does not pass its checks; it was deleted.
    case invalidIndex(path: String, detail: String)

    /// The step that failed.
    public var step: ReindexStep {
        switch self {
        case .locked: .lock
        case .failed(let step, _): step
        case .invalidIndex: .validate
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
        case .invalidIndex(let path, let detail):
            "reindex failed at step 'validate': the new index \(path) \(detail); it was removed and the previous "
                + "index is unchanged"
        }
    }
}
