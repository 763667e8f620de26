internal import Hummingbird
internal import Logging

/// Logs one structured line per answered request at `info`: method, path, route, status, duration in
/// microseconds and the index generation that answered (when one did). The request id is in the logger's
/// metadata already.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        context.logger.info(
            "request",
            metadata: [
                "http.method": "\(request.method)",
                "http.path": "\(request.uri.path)",
                "http.route": "\(context.endpointPath ?? "-")",
                "http.status": "\(response.status.code)",
                "duration_us": "\((ContinuousClock.now - start).nanoseconds / 1000)",
                "index.generation": "\(response.headers[.indexGeneration] ?? "-")",
            ])
        return response
    }
}
