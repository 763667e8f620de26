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
                "http.method": .string(request.method.rawValue),
                "http.path": .string(request.uri.path),
                "http.route": .string(context.endpointPath ?? "-"),
                "http.status": .stringConvertible(response.status.code),
                "duration_us": .stringConvertible((ContinuousClock.now - start).nanoseconds / 1000),
                "index.generation": .string(response.headers[.indexGeneration] ?? "-"),
            ])
        return response
    }
}
