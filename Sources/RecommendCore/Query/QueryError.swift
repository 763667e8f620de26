/// A question the index cannot answer.
public enum QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No article has this id.
    case unknownArticle(String)
    /// More related articles were asked for than the index stores.
    case beyondStoredList(requested: Int, stored: Int)
    /// Unseen text with no title and no body.
    case emptyText
    /// Explanations or diversity were asked of a ranker opened without the article vectors.
    case vectorsNotLoaded
    /// A related-list control has a value it cannot take (`name` as in HTTP query parameters).
    case invalidControl(name: String, value: String, expected: String)
    /// The index was built before topics existed.
    case noTopics(path: String)
    /// No topic has this id.
    case unknownTopic(String)

    public var description: String {
        switch self {
        case .unknownArticle(let id): "no article with id '\(id)' in the index"
        case .beyondStoredList(let requested, let stored):
            "asked for \(requested) related articles but the index stores \(stored) per article; "
                + "rebuild with --neighbours \(requested) for longer lists"
        case .emptyText: "the text has neither a title nor a body"
        case .invalidControl(let name, let value, let expected): "\(name) '\(value)': expected \(expected)"
        case .vectorsNotLoaded:
            "explanations and diversity need the article vectors: open the ranker with loadingVectors: true"
        case .noTopics(let path): "\(path) has no topics: rebuild it with 'recommend index' to add them"
        case .unknownTopic(let id): "no topic '\(id)' in the index ('recommend topics' lists them)"
        }
    }
}
