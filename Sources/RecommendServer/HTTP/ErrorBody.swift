/// The body of every error response.
struct ErrorBody: Codable, Equatable {
    var error: String
}
