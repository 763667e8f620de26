internal import RecommendCore

/// The files a snapshot is loaded from, as the reloader sees them: the index and the editorial overrides beside
/// it (`<index>.overrides.json`). A change to either one reloads both.
struct WatchedFiles: Sendable, Equatable {
    /// The index path being served.
    let indexPath: String
    /// The index file, `nil` when there is none.
    var index: FileIdentity?
    /// The overrides file, `nil` when there is none (no overrides).
    var overrides: FileIdentity?

    /// The identities of the index at `indexPath` and of its overrides file now.
    init(indexPath: String) {
        self.indexPath = indexPath
        index = FileIdentity(path: indexPath)
        overrides = FileIdentity(path: RelatedOverrides.defaultPath(forIndex: indexPath))
    }
}
