internal import Hummingbird

/// `GET /healthz` (the process answers), `GET /readyz` (an index is loaded: 200 with its generation, size
/// and load time; 503 while none is, and while the service drains requests before stopping) and
/// `GET /openapi.json` (the document of every route).
struct HealthController<Context: RequestContext>: Sendable {
    let served: ServedIndex

    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("healthz") { _, _ in try Response.json(["status": "ok"]) }
        routes.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        routes.get("readyz") { _, _ in
            if served.isDraining { throw ServiceError.draining }
            let snapshot = try served.require()
            return try Response.json(Readiness(snapshot), headers: [.indexGeneration: String(snapshot.generation)])
        }
        return routes
    }
}
