/// Why an editor's change to the overrides file was not saved. Nothing is written in any of these cases.
public enum OverridesEditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file changed since the editor read it (`expected` is the version the editor saw, `current` the file's).
    case conflict(expected: String, current: String)
    /// The change names an article the index does not hold.
    case unknownArticle(String)
    /// A pin position below 1.
    case invalidPosition(Int)
    /// A rule about an article's list names that same article.
    case sameArticle(String)
    /// The rule to remove is not in the file.
    case noSuchRule(OverridesEdit)
    /// The file on disk cannot be read or has a bad rule; it must be fixed by hand first.
    case unusableFile(OverridesError)
    /// Writing the file, its previous version or the audit line failed.
    case writeFailed(OutputError)

    public var description: String {
        switch self {
        case .conflict:
            "the overrides were changed by someone else since this page was loaded: reload the page to see their "
                + "change, then make yours again."
        case .unknownArticle(let id): "no article '\(id)' in the index"
        case .invalidPosition(let position): "position must be 1 or more, not \(position)"
        case .sameArticle(let id): "an article cannot be pinned or blocked in its own list ('\(id)')"
        case .noSuchRule(let edit): "nothing to remove: the overrides have no rule for '\(edit.article)' here"
        case .unusableFile(let error): "the overrides file cannot be edited until it is fixed: \(error)"
        case .writeFailed(let error): "\(error)"
        }
    }
}
