internal import Hummingbird

/// The console's defence against another site posting an editor's forms: a random token in a cookie
/// (`SameSite=Strict`, unreadable by scripts) that every editing form repeats in a hidden field; a post whose two
/// copies differ is refused. Another site can make a browser send the cookie and its stored credentials, but
/// cannot read the token to put it in the form.
struct CSRFToken: Sendable, Equatable {
    static let cookieName = "recommend_csrf"
    let value: String

    /// The token of the request's cookie, if it has a well-formed one.
    init?(cookieOf request: Request) {
        guard let value = request.cookies[Self.cookieName]?.value, value.utf8.count == 32,
            value.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        self.value = value
    }

    /// A new token: 128 random bits in hex.
    init() {
        var generator = SystemRandomNumberGenerator()
        value = (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// The `Set-Cookie` value that gives the browser this token.
    var cookie: String { "\(Self.cookieName)=\(value); Path=/; HttpOnly; SameSite=Strict" }
}
