public import Hummingbird

extension ServiceError: HTTPResponseError {
    public var headers: HTTPFields { [:] }

    /// The error as `{"error": "<description>"}`.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try Response.json(ErrorBody(error: description), status: status)
    }
}
