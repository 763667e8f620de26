/// What reading the inputs did: counts, and every line that was skipped or changed, with its reason.
public struct FeedReport: Sendable, Codable, Equatable {
    /// Non-blank lines (or CSV records) read from all inputs.
    public var linesRead = 0
    /// Articles handed on to the index.
    public var articlesAccepted = 0
    /// Every issue in input order.
    public var issues: [FeedIssue] = []

    public init() {}

    /// Lines whose article was left out, by reason.
    public var skippedByReason: [FeedIssue.Reason: Int] {
        var counts: [FeedIssue.Reason: Int] = [:]
        for issue in issues where issue.reason.skipsArticle { counts[issue.reason, default: 0] += 1 }
        return counts
    }

    /// Lines whose article was left out.
    public var skipped: Int { issues.filter(\.reason.skipsArticle).count }

    /// One line a reason, e.g. `skipped 2: malformed 1, missing-id 1`.
    public var summary: String {
        var parts = ["read \(linesRead)", "indexed \(articlesAccepted)", "skipped \(skipped)"]
        let reasons = FeedIssue.Reason.allCases.compactMap { reason -> String? in
            let n = skippedByReason[reason] ?? 0
            return n > 0 ? "\(reason.rawValue) \(n)" : nil
        }
        if !reasons.isEmpty { parts[2] += " (" + reasons.joined(separator: ", ") + ")" }
        let warnings = issues.filter { !$0.reason.skipsArticle }.count
        if warnings > 0 { parts.append("warnings \(warnings)") }
        return parts.joined(separator: ", ")
    }
}
