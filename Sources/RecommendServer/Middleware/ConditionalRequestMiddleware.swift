internal import Foundation
internal import Hummingbird

/// Answers a GET or HEAD with 304 Not Modified, headers and no body, when its `If-None-Match` names the entity
/// tag of the 200 response the route gave (see `IndexSnapshot.cacheHeaders`).
struct ConditionalRequestMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .get || request.method == .head, response.status == .ok,
            let tag = response.headers[.eTag], let asked = request.headers[.ifNoneMatch]
        else { return response }
        let tags = asked.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard tags.contains(where: { $0 == tag || $0 == "*" || $0 == "W/" + tag }) else { return response }
        var headers = response.headers
        headers[.contentType] = nil
        headers[.contentLength] = nil
        return Response(status: .notModified, headers: headers, body: ResponseBody())
    }
}
