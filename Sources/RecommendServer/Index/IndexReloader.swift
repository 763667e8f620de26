internal import Dispatch
internal import Logging
internal import RecommendCore
internal import ServiceLifecycle
internal import UnixSignals

/// Watches the index path and swaps in each new file once it has been loaded and verified in full.
///
/// A reload is triggered when the file's identity (inode, size, modification time) changes, checked every
/// `pollInterval`, and on SIGHUP when `reloadOnHangup` is set. The new file is opened and its model loaded on a
/// thread outside Swift's cooperative pool, so requests keep being answered from the old snapshot meanwhile. A
/// file that fails validation is refused, logged and counted, and the old snapshot keeps serving; the same file
/// is not tried again until it changes (or SIGHUP asks).
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
    /// The file tried at start-up, so that an unchanged file is not loaded twice.
    let initialIdentity: FileIdentity?

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
                var lastSeen = initialIdentity
                for await trigger in triggers {
                    let identity = FileIdentity(path: served.path)
                    switch trigger {
                    case .poll:
                        guard identity != lastSeen else { continue }
                        lastSeen = identity
                        if identity == nil {
                            logger.warning(
                                "index file is gone; still serving the loaded index",
                                metadata: ["index.path": "\(served.path)"])
                        } else {
                            await reload(reason: "file changed")
                        }
                    case .hangup:
                        lastSeen = identity
                        await reload(reason: "SIGHUP")
                    }
                }
                group.cancelAll()
            }
        }
        continuation.finish()
    }

    /// Loads the file at the served path and swaps it in, or refuses it.
    private func reload(reason: String) async {
        let path = served.path
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { try IndexSnapshot.load(path: path) })
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
                ])
        case .failure(let error):
            metrics.reloadFailed()
            logger.error(
                "new index refused; still serving the previous one",
                metadata: [
                    "reason": "\(reason)", "index.path": "\(path)", "error": "\(error)",
                    "index.generation": "\(previous.map(String.init) ?? "none")",
                ])
        }
    }
}
