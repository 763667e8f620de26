internal import Foundation
internal import Metrics
internal import Prometheus
internal import RecommendCore
internal import Synchronization

/// The service's metrics, recorded through swift-metrics into a Prometheus registry of its own (not the
/// process-wide `MetricsSystem`, so that several applications, as in tests, never share counts).
///
/// - `http_requests_total{route, method, status}`: requests answered.
/// - `http_request_duration_seconds{route, method}`: histogram of the time to produce the response.
/// - `recommend_index_generation`, `recommend_index_articles`, `recommend_index_loaded_timestamp_seconds`,
///   `recommend_index_load_duration_seconds`: the index being served.
/// - `recommend_index_reloads_total`: new index files swapped in after start-up.
/// - `recommend_index_reload_failures_total`: index files refused because they failed validation.
final class ServiceMetrics: Sendable {
    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private struct RequestSeries: Sendable {
        var count: Metrics.Counter
        var duration: Metrics.Timer
    }

    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let generation: Metrics.Gauge
    private let articles: Metrics.Gauge
    private let loadedAt: Metrics.Gauge
    private let loadDuration: Metrics.Gauge
    private let reloads: Metrics.Counter
    private let failedReloads: Metrics.Counter
    /// Handles per route, method and status, made once: the registry's own lookup sorts labels each time.
    private let requestSeries: Mutex<[RequestKey: RequestSeries]>

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        self.factory = factory
        generation = Metrics.Gauge(label: "recommend_index_generation", factory: factory)
        articles = Metrics.Gauge(label: "recommend_index_articles", factory: factory)
        loadedAt = Metrics.Gauge(label: "recommend_index_loaded_timestamp_seconds", factory: factory)
        loadDuration = Metrics.Gauge(label: "recommend_index_load_duration_seconds", factory: factory)
        reloads = Metrics.Counter(label: "recommend_index_reloads_total", factory: factory)
        failedReloads = Metrics.Counter(label: "recommend_index_reload_failures_total", factory: factory)
        requestSeries = Mutex([:])
    }

    /// Records that `snapshot` is now served; `isReload` when it replaced another after start-up.
    func indexLoaded(_ snapshot: IndexSnapshot, isReload: Bool) {
        generation.record(Double(snapshot.generation))
        articles.record(snapshot.index.count)
        loadedAt.record(snapshot.loadedAt.timeIntervalSince1970)
        loadDuration.record(snapshot.loadDuration.seconds)
        if isReload { reloads.increment() }
    }

    /// Records that a new index file was refused.
    func reloadFailed() {
        failedReloads.increment()
    }

    /// Records one answered request.
    func requestAnswered(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestKey(route: route, method: method, status: status)
        let series = requestSeries.withLock { cache in
            if let series = cache[key] { return series }
            let series = RequestSeries(
                count: Metrics.Counter(
                    label: "http_requests_total",
                    dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory),
                duration: Metrics.Timer(
                    label: "http_request_duration_seconds", dimensions: [("route", route), ("method", method)],
                    factory: factory))
            cache[key] = series
            return series
        }
        series.count.increment()
        series.duration.recordNanoseconds(duration.nanoseconds)
    }

    /// Every metric in the Prometheus text exposition format.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
