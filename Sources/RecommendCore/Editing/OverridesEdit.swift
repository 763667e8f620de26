/// One change an editor makes to the overrides file (`RelatedOverrides`).
public enum OverridesEdit: Sendable, Equatable {
    /// Show `article` at `position` (1-based) in the list of `for`; replaces an earlier pin of the same article
    /// in that list.
    case pin(article: String, for: String, position: Int)
    /// Never show `article` in the list of `for`, or in any list when `for` is nil.
    case block(article: String, for: String?)
    /// Remove the pin of `article` in the list of `for`.
    case unpin(article: String, for: String)
    /// Remove the block of `article` in the list of `for` (or everywhere, when `for` is nil).
    case unblock(article: String, for: String?)

    /// The verb the audit log records: `pin`, `block`, `unpin` or `unblock`.
    public var action: String {
        switch self {
        case .pin: "pin"
        case .block: "block"
        case .unpin: "unpin"
        case .unblock: "unblock"
        }
    }

    /// The article pinned, blocked or released.
    public var article: String {
        switch self {
        case .pin(let article, _, _), .block(let article, _), .unpin(let article, _), .unblock(let article, _):
            article
        }
    }

    /// The article whose list the rule is about; nil for a block everywhere.
    public var query: String? {
        switch self {
        case .pin(_, let query, _), .unpin(_, let query): query
        case .block(_, let query), .unblock(_, let query): query
        }
    }

    /// The rules after this change, the others kept in their order.
    /// - Throws: `OverridesEditError.invalidPosition` for a position below 1, `.sameArticle` for a rule about an
    ///   article's own list naming that article, `.noSuchRule` when removing a rule that is not there.
    public func applied(to rules: [RelatedOverrides.Rule]) throws(OverridesEditError) -> [RelatedOverrides.Rule] {
        if let query, query == article { throw .sameArticle(article) }
        var rules = rules
        switch self {
        case .pin(let article, let query, let position):
            guard position >= 1 else { throw .invalidPosition(position) }
            rules.removeAll { $0.pins(article, in: query) }
            rules.append(.pin(article: article, for: query, position: position))
        case .block(let article, let query):
            rules.removeAll { $0 == .block(article: article, for: query) }
            rules.append(.block(article: article, for: query))
        case .unpin(let article, let query):
            guard rules.contains(where: { $0.pins(article, in: query) }) else { throw .noSuchRule(self) }
            rules.removeAll { $0.pins(article, in: query) }
        case .unblock(let article, let query):
            guard rules.contains(.block(article: article, for: query)) else { throw .noSuchRule(self) }
            rules.removeAll { $0 == .block(article: article, for: query) }
        }
        return rules
    }
}

extension RelatedOverrides.Rule {
    /// Whether this rule pins `article` in the list of `query`, at any position.
    func pins(_ article: String, in query: String) -> Bool {
        if case .pin(article, query, _) = self { true } else { false }
    }
}

extension OverridesEdit: CustomStringConvertible {
    /// The change in words, as the console confirms it.
    public var description: String {
        switch self {
        case .pin(let article, let query, let position): "pinned \(article) at position \(position) for \(query)"
        case .block(let article, let query?): "blocked \(article) in the list of \(query)"
        case .block(let article, nil): "blocked \(article) in every list"
        case .unpin(let article, let query): "removed the pin of \(article) for \(query)"
        case .unblock(let article, let query?): "removed the block of \(article) in the list of \(query)"
        case .unblock(let article, nil): "removed the block of \(article) in every list"
        }
    }
}
