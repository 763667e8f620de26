internal import Dispatch
internal import Logging
internal import RecommendCore
internal import ServiceLifecycle
internal import UnixSignals

/// Watches the index path and the overrides file beside it, and swaps in a new snapshot of both once it has been
/// loaded and verified in full.
///
/// A reload is triggered when the identity (inode, size, modification time) of the index file or of its
/// overrides file (`<index>.overrides.json`, which may appear or go away) changes, checked every `pollInterval`,
/// and on SIGHUP when `reloadOnHangup` is set. Both files are read again together, on a thread outside Swift's
/// cooperative pool, so requests keep being answered from the old snapshot meanwhile. A snapshot that fails
/// validation (a damaged index or a bad overrides rule) is refused, logged and counted, and the old snapshot keeps
/// serving; the same files are not tried again until one of them changes (or SIGHUP asks).
struct IndexReloader: Service {
    private enum Trigger {
        case poll
        case hangup
    }

    let served: ServedIndex
    let metrics: ServiceMetrics
    let pollInterval: Duration?
    let reloadOnHangup: Bool
    let logger: Logger
    /// Where the index's embedding model is read from.
    let modelsDirectory: String
    /// The files tried at start-up, so that unchanged files are not loaded twice.
    let initialFiles: WatchedFiles

    func run() async throws {
        let (triggers, continuation) = AsyncStream.makeStream(of: Trigger.self)
        // Trapped first thing: until then SIGHUP keeps its default action, which ends the process.
        let hangups = reloadOnHangup ? await UnixSignalsSequence(trapping: .sighup) : nil
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                if let pollInterval {
                    group.addTask {
                        while (try? await Task.sleep(for: pollInterval)) != nil { continuation.yield(.poll) }
                    }
                }
                if let hangups {
                    group.addTask {
                        for await _ in hangups { continuation.yield(.hangup) }
                    }
                }
                var lastSeen = initialFiles
                for await trigger in triggers {
                    let files = WatchedFiles(indexPath: served.path)
                    switch trigger {
                    case .poll:
                        guard files != lastSeen else { continue }
                        let reason = files.index == lastSeen.index ? "overrides changed" : "file changed"
                        lastSeen = files
                        if files.index == nil {
                            logger.warning(
                                "index file is gone; still serving the loaded index",
                                metadata: ["index.path": "\(served.path)"])
                        } else {
                            await reload(reason: reason)
                        }
                    case .hangup:
                        lastSeen = files
                        await reload(reason: "SIGHUP")
                    }
                }
                group.cancelAll()
            }
        }
        continuation.finish()
    }

    /// Loads the index at the served path with its overrides and swaps them in, or refuses them.
    private func reload(reason: String) async {
        let path = served.path
        let models = modelsDirectory
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { try IndexSnapshot.load(path: path, modelsDirectory: models) })
            }
        }
        let previous = served.snapshot?.generation
        switch result {
        case .success(let snapshot):
            served.replace(with: snapshot)
            metrics.indexLoaded(snapshot, isReload: true)
            logger.notice(
                "index reloaded",
                metadata: [
                    "reason": "\(reason)", "index.path": "\(path)", "index.generation": "\(snapshot.generation)",
                    "index.previous_generation": "\(previous.map(String.init) ?? "none")",
                    "index.articles": "\(snapshot.index.count)",
                    "index.load_ms": "\(Int((snapshot.loadDuration.seconds * 1000).rounded()))",
                    "overrides.path": "\(snapshot.overridesPath ?? "none")",
                ])
            snapshot.logOverridesWarnings(to: logger)
        case .failure(let error):
            metrics.reloadFailed()
            logger.error(
                "new index or overrides refused; still serving the previous ones",
                metadata: [
                    "reason": "\(reason)", "index.path": "\(path)", "error": "\(error)",
                    "index.generation": "\(previous.map(String.init) ?? "none")",
                ])
        }
    }
}
