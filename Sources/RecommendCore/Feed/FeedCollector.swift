/// Gathers parsed lines into articles and a report, applying the duplicate policy: the one place where every
/// source (feed files, a database table) turns lines into the articles handed on to the index.
struct FeedCollector {
    let duplicates: DuplicatePolicy
    private(set) var articles: [Article] = []
    private(set) var report = FeedReport()
    private var firstSeen: [ArticleID: (index: Int, location: FeedLocation)] = [:]
    /// The length of the first embedding the feed carried, and where: every other must have it.
    private var embeddingLength: (count: Int, location: FeedLocation)?

    init(duplicates: DuplicatePolicy) {
        self.duplicates = duplicates
    }

    /// Counts `line`, records its issues and keeps its article, if any.
    /// - Throws: `FeedError.duplicateID` when the id was seen before and the policy is `.fail`.
    mutating func accept(_ line: ParsedLine) throws {
        report.linesRead += 1
        report.issues.append(contentsOf: line.issues)
        guard let article = line.article else { return }
        if let vector = article.embedding {
            if let first = embeddingLength, first.count != vector.count {
                report.issues.append(
                    FeedIssue(
                        location: line.location, reason: .malformed,
                        detail: "article '\(article.id)': 'embedding' has \(vector.count) numbers, but the first one "
                            + "(\(first.location)) has \(first.count)"))
                return
            }
            if embeddingLength == nil { embeddingLength = (vector.count, line.location) }
        }
        if let previous = firstSeen[article.key] {
            switch duplicates {
            case .fail:
                throw FeedError.duplicateID(id: article.id, first: previous.location, second: line.location)
            case .lastWins:
                report.issues.append(
                    FeedIssue(
                        location: previous.location, reason: .duplicateReplaced,
                        detail: "article '\(article.id)' replaced by \(line.location)"))
                articles[previous.index] = article
                firstSeen[article.key] = (previous.index, line.location)
            }
        } else {
            firstSeen[article.key] = (articles.count, line.location)
            articles.append(article)
        }
    }

    /// The articles in input order and the final report.
    func finish() -> (articles: [Article], report: FeedReport) {
        var report = report
        report.articlesAccepted = articles.count
        return (articles, report)
    }
}
