/// A line of a feed that was skipped, or accepted with a change, and why.
public struct FeedIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What was wrong with the line.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The line is not a JSON object (or a CSV record has the wrong number of fields).
        case malformed
        /// The line has no usable `id`.
        case missingID = "missing-id"
        /// The line's bytes are not valid UTF-8.
        case invalidUTF8 = "invalid-utf8"
        /// Both `title` and `body` are empty.
        case emptyText = "empty-text"
        /// The id was seen before; with the last-wins policy the earlier article was replaced.
        case duplicateReplaced = "duplicate-replaced"
        /// `published` is not an ISO 8601 date; the article was kept without a date.
        case badDate = "bad-date"
        /// A string held an unpaired UTF-16 surrogate escape (`\ud800`); the article was kept with U+FFFD in
        /// its place.
        case replacedCharacter = "replaced-character"

        /// Whether the article on this line was left out of the index.
        public var skipsArticle: Bool {
            switch self {
            case .malformed, .missingID, .invalidUTF8, .emptyText, .duplicateReplaced: true
            case .badDate, .replacedCharacter: false
            }
        }
    }

    public var location: FeedLocation
    public var reason: Reason
    public var detail: String

    public init(location: FeedLocation, reason: Reason, detail: String) {
        self.location = location
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "\(location): \(reason.rawValue): \(detail)" }
}
