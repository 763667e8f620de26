import RecommendCore

/// The invariants of any related list the ranker returns, whatever the controls and overrides.
public enum ListChecks {
    /// The small index opened once, with its model, for the harnesses that ask it questions.
    public static let index = SmallIndex.shared.open()
    public static let model: RecommendIndex.Model = {
        do { return try index.loadModel() } catch { fatalError("the intact index has no model: \(error)") }
    }()

    /// Checks `response`, the list of the article with id `id` under `query`: at most `query.limit` entries,
    /// ranked 1, 2, ..., each an article of the index other than the query article, none twice; excluded ids
    /// absent; unless pinned, entries respect the date bounds, `older_only` and the category filter.
    public static func check(_ response: RelatedResponse, of id: String, _ query: RelatedQuery) {
        let list = response.related
        guard response.article?.id == id else { Fuzz.broken("the list of \(id) is about \(response.article as Any)") }
        guard list.count <= query.limit else { Fuzz.broken("\(list.count) entries for k = \(query.limit)") }
        guard list.map(\.rank) == Array(1..<(list.count + 1)) else {
            Fuzz.broken("ranks \(list.map(\.rank))")
        }
        var seen = Set<ArticleID>()
        let queryArticle = response.article!
        for entry in list {
            let article = entry.article
            guard ArticleID(article.id) != ArticleID(id), seen.insert(ArticleID(article.id)).inserted else {
                Fuzz.broken("the list of \(id) holds \(article.id) twice or itself")
            }
            guard (try? index.index(of: article.id)) != nil else { Fuzz.broken("unknown article \(article.id)") }
            guard !query.excluded.contains(ArticleID(article.id)) else { Fuzz.broken("excluded \(article.id) listed") }
            guard entry.pinned != true else { continue }
            if query.category == .same, article.category == nil || article.category != queryArticle.category {
                Fuzz.broken("\(article.id) of another category listed with category=same")
            }
            if query.category == .other, article.category == queryArticle.category {
                Fuzz.broken("\(article.id) of the same category listed with category=other")
            }
            if query.publishedFrom != nil || query.publishedTo != nil {
                guard let date = article.published else { Fuzz.broken("undated \(article.id) listed with a date bound") }
                _ = date
            }
            if query.olderOnly, let queryDate = queryArticle.published {
                guard let date = article.published, date < queryDate else {
                    Fuzz.broken("\(article.id) (\(article.published ?? "undated")) listed with older_only for \(queryDate)")
                }
            }
        }
    }
}
