internal import Hummingbird

/// `GET /metrics`: every metric in the Prometheus text format (see `ServiceMetrics`).
struct MetricsController<Context: RequestContext>: Sendable {
    let metrics: ServiceMetrics

    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        return routes
    }
}
