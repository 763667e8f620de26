internal import Logging
internal import ServiceLifecycle

/// The first step of stopping the service on SIGTERM or SIGINT: `/readyz` turns to 503 `draining` at once, and
/// the listener stays open for `delay` more (for a load balancer to notice and send no new requests), before
/// the HTTP server is told to stop: it closes the listener and lets the requests in flight finish.
///
/// It runs as the last service of the service group, which shuts its services down in reverse order: this one
/// first, the HTTP server after it.
struct ShutdownDrain: Service {
    let served: ServedIndex
    let delay: Duration
    let logger: Logger

    func run() async throws {
        // Returns when the shutdown begins; throws when the group is cancelled instead.
        try await gracefulShutdown()
        served.beginDraining()
        logger.notice("draining", metadata: ["shutdown.delay_s": "\(delay.seconds)"])
        if delay > .zero { try await Task.sleep(for: delay) }
    }
}
