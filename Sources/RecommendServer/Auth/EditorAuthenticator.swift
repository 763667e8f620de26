internal import Hummingbird
internal import HummingbirdAuth

/// Attaches the editor named by a request's `Authorization` header (Basic or Bearer) to its context; a request
/// without valid credentials goes on unauthenticated (reading needs none; the editing routes refuse it).
struct EditorAuthenticator<Context: AuthRequestContext<Editor>>: AuthenticatorMiddleware {
    typealias Identity = Editor
    let credentials: EditorCredentials

    func authenticate(request: Request, context: Context) async throws -> Editor? {
        if let basic = request.headers.basic { return credentials.editor(name: basic.username, secret: basic.password) }
        if let bearer = request.headers.bearer { return credentials.editor(token: bearer.token) }
        return nil
    }
}
