internal import RecommendCore
internal import Synchronization

/// The index snapshot currently being served, swapped whole by a reload. A class for its identity: the
/// routes and the reloader share one. Reading takes a lock for the time of a copy (a few references), so
/// requests never wait for a reload, and a request that has its snapshot keeps it until it finishes.
final class ServedIndex: Sendable {
    private let current: Mutex<IndexSnapshot?>
    private let draining = Atomic(false)
    /// Where new files are loaded from.
    let path: String

    init(path: String, snapshot: IndexSnapshot? = nil) {
        self.path = path
        current = Mutex(snapshot)
    }

    /// The snapshot serving now, if any has been loaded.
    var snapshot: IndexSnapshot? { current.withLock { $0 } }

    /// The snapshot serving now.
    /// - Throws: `ServiceError.noIndex` when none has been loaded yet.
    func require() throws(ServiceError) -> IndexSnapshot {
        guard let snapshot else { throw .noIndex(path: path) }
        return snapshot
    }

    /// Whether the service is stopping: `/readyz` answers 503 while requests in flight finish.
    var isDraining: Bool { draining.load(ordering: .relaxed) }

    /// Marks the service as stopping.
    func beginDraining() { draining.store(true, ordering: .relaxed) }

    /// Serves the snapshot serving now with `overrides` (an editor's change, resolved against the index of
    /// `loaded`) from now on, unless a reload has swapped in another index meanwhile: the reloader then reads the
    /// changed file with the new index.
    func replaceOverrides(_ overrides: RelatedOverrides, version: String, of loaded: IndexSnapshot) {
        current.withLock { snapshot in
            guard let serving = snapshot, serving.ranker.index.path == loaded.ranker.index.path,
                serving.files.index == loaded.files.index, serving.loadedAt == loaded.loadedAt
            else { return }
            snapshot = serving.replacingOverrides(overrides, version: version)
        }
    }

    /// Serves `snapshot` from now on; requests already holding the previous one finish with it.
    func replace(with snapshot: IndexSnapshot) {
        current.withLock { $0 = snapshot }
    }
}
