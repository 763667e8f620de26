internal import Foundation
internal import RecommendCore

/// One entry of a related list as the console's `list` template shows it.
struct RelatedEntryView {
    var rank: Int
    var score: String
    var id: String
    var pathID: String
    var title: String
    var published: String?
    var category: String?
    var alsoPublishedAs: String?
    /// The why-terms and their shares of the score, e.g. `election 34% · vote 12% · (topic) 20%`.
    var why: String?
    var pinned: Bool
    var fallback: Bool

    init(_ entry: RelatedArticle) {
        rank = entry.rank
        score = String(format: "%.3f", entry.score)
        id = entry.article.id
        pathID = ConsolePath.segment(entry.article.id)
        title = entry.article.title
        published = entry.article.published.map(ConsolePath.day)
        category = entry.article.category
        alsoPublishedAs = entry.alsoPublishedAs?.joined(separator: ", ")
        if let explanation = entry.explanation {
            let parts = explanation.terms + [explanation.topic, explanation.meaning].compactMap { $0 }
            why = parts.map { "\($0.term) \(Int(($0.share * 100).rounded()))%" }.joined(separator: " · ")
        }
        pinned = entry.pinned == true
        fallback = entry.fallback == true
    }
}

/// How console pages write ids and dates in links and text.
enum ConsolePath {
    /// `id` as one percent-encoded path segment.
    static func segment(_ id: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    /// `text` as a query parameter value.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#%")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The day of an ISO 8601 time (`2026-03-14T09:30:00Z` → `2026-03-14`).
    static func day(_ time: String) -> String { String(time.prefix(10)) }
}
