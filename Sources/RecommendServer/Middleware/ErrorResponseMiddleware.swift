internal import Hummingbird
internal import Logging
internal import RecommendCore

/// Turns every error thrown below it into a JSON response `{"error": "..."}` with a 4xx or 5xx status, so that
/// the logs and metrics above it see a response, and no client ever gets an empty or HTML body.
struct ErrorResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return try error.response(from: request, context: context)
        } catch let error as QueryError {
            let mapped: ServiceError =
                switch error {
                case .unknownArticle(let id): .unknownArticle(id)
                case .emptyText: .emptyText
                case .beyondStoredList(let requested, let stored): .invalidK(String(requested), maxK: stored)
                case .invalidControl(let name, let value, let expected):
                    .invalidParameter(name: name, value: value, expected: expected)
                case .unknownTopic(let id): .unknownTopic(id)
                case .noTopics: .noTopics
                case .vectorsNotLoaded: .internalError
                }
            return try mapped.response(from: request, context: context)
        } catch let error as HTTPError where error.status == .notFound {
            let mapped = ServiceError.unknownRoute(method: request.method.rawValue, path: request.uri.path)
            return try mapped.response(from: request, context: context)
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            let message = (error as? HTTPError)?.body ?? error.status.reasonPhrase
            return try Response.json(ErrorBody(error: message), status: error.status)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)"])
            return try ServiceError.internalError.response(from: request, context: context)
        }
    }
}
