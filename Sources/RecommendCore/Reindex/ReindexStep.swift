/// The steps of a reindex, in order. A failure names its step; every step before `install` leaves the
/// previous index untouched and serving.
public enum ReindexStep: String, Sendable, Codable, CaseIterable {
    /// Taking the lock `PATH.lock`.
    case lock
    /// Opening the previous index (for its generation, settings and, with `--incremental`, its model).
    case previous
    /// Reading the source.
    case read
    /// Building the new index contents.
    case build
    /// Writing the new index under a temporary name and syncing it.
    case write
    /// Checking the written file.
    case validate
    /// Moving older generations along (`PATH.1`, `PATH.2`, ...).
    case rotate
    /// Renaming the new index into place.
    case install
    /// Writing the `--report` file (the new index is already in place).
    case report
}
