internal import Foundation

/// The ground truth of a labelled corpus, read the way the reference scorer `evaluate.py` reads it: every
/// line's `id` and its `labels` list (a `category` field is not a label), including lines the indexer
/// skips (say, an empty text); a repeated id keeps its last line's labels.
public struct CorpusLabels: Sendable {
    /// Labels by article id (compared byte for byte).
    public let labels: [ArticleID: [String]]
    /// How many distinct articles carry each label.
    let articlesPerLabel: [String: Int]

    public init(labels: [ArticleID: [String]]) {
        self.labels = labels
        var perLabel: [String: Int] = [:]
        for list in labels.values {
            for label in Set(list) { perLabel[label, default: 0] += 1 }
        }
        articlesPerLabel = perLabel
    }

    /// Checks that every article of `index` is in this corpus (read from `path`), as scoring its lists needs.
    /// - Throws: `EvaluationError.foreignIndex` naming how many are not, and one of them.
    /// - Complexity: O(articles of the index).
    public func checkCovers(_ index: RecommendIndex, path: String) throws(EvaluationError) {
        let foreign = (0..<index.count).map { index.article($0).id }.filter { labels[ArticleID($0)] == nil }
        if let example = foreign.first {
            throw .foreignIndex(
                index: index.path, corpus: path, missing: foreign.count, count: index.count, example: example)
        }
    }

    /// Reads the corpus at `path` (JSON Lines, plain or gzip).
    /// - Throws: `FeedError.unreadable` when the file cannot be read, `EvaluationError` when a line is not a
    ///   JSON object with an `id` or the file holds no article.
    public init(path: String) throws {
        struct Line: Decodable {
            var id: String
            var labels: [String]?
        }
        let bytes = try InputFile.readAll(path)
        var labels: [ArticleID: [String]] = [:]
        for (number, span) in LineSplitter.lines(of: bytes) {
            do {
                let line = try JSONCoding.decode(Line.self, from: bytes[span])
                labels[ArticleID(line.id)] = line.labels ?? []
            } catch {
                throw EvaluationError.malformedLine(
                    file: path, line: number,
                    detail: "expected a JSON object with a string \"id\" and a \"labels\" list")
            }
        }
        guard !labels.isEmpty else { throw EvaluationError.emptyCorpus(file: path) }
        self.init(labels: labels)
    }

    /// The number of articles.
    public var count: Int { labels.count }

    /// How many other articles share at least one label with article `id`.
    /// - Complexity: O(1) for an article with one label, O(corpus size) otherwise.
    func relevantCount(for id: ArticleID) -> Int {
        let own = Set(labels[id] ?? [])
        if own.count == 1, let label = own.first { return articlesPerLabel[label, default: 0] - 1 }
        return labels.filter { $0.key != id && !own.isDisjoint(with: $0.value) }.count
    }
}
