import Foundation
import RecommendCore

/// A small index built once per process from generated articles (four subjects, dates, categories, URLs and two
/// near-duplicate pairs), so that every section of the format is present: related lists, near-duplicate groups,
/// topics, the latent space and block checksums.
public struct SmallIndex: Sendable {
    /// The index, built on first use.
    public static let shared = SmallIndex()

    /// The intact file's path (in the scratch directory) and bytes.
    public let path: String
    public let bytes: [UInt8]
    public let articles: [Article]
    public let neighbours: Int

    private init() {
        articles = Self.generatedArticles()
        var configuration = RecommendConfiguration()
        configuration.similarity.neighbours = 6
        configuration.weighting.semanticDimensions = 4
        configuration.weighting.minDocumentFrequency = 1
        neighbours = configuration.similarity.neighbours
        do {
            let contents = try IndexBuilder(configuration: configuration).build(articles: articles).contents
            path = Fuzz.directory + "/intact.index"
            try IndexWriter.write(contents, to: path)
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            fatalError("cannot build the small index: \(error)")
        }
    }

    /// Opens the intact index, checked on open.
    public func open(checking: RecommendIndex.Checking = .onOpen) -> RecommendIndex {
        do { return try RecommendIndex(path: path, checking: checking) } catch {
            fatalError("the intact index does not open: \(error)")
        }
    }

    /// 32 articles on four subjects; `a30` and `a31` re-publish `a02` and `a07` with one word changed.
    static func generatedArticles() -> [Article] {
        let subjects: [(category: String, words: [String])] = [
            ("sport", ["match", "goal", "league", "striker", "coach", "season", "stadium", "penalty", "derby", "transfer"]),
            ("weather", ["storm", "rain", "flood", "forecast", "wind", "temperature", "snow", "drought", "heatwave", "warning"]),
            ("economy", ["inflation", "bank", "rates", "market", "shares", "budget", "tax", "growth", "jobs", "trade"]),
            ("science", ["telescope", "planet", "galaxy", "orbit", "rocket", "mission", "physics", "experiment", "laboratory", "discovery"]),
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func id(_ i: Int) -> String { i < 10 ? "a0\(i)" : "a\(i)" }
        var articles: [Article] = []
        for i in 0..<30 {
            let subject = subjects[i % subjects.count]
            let title = (0..<4).map { _ in subject.words[next(subject.words.count)] }.joined(separator: " ")
            let body = (0..<30).map { _ in subject.words[next(subject.words.count)] }.joined(separator: " ")
            articles.append(
                Article(
                    id: id(i), title: title.capitalized, body: body + ".",
                    published: i % 7 == 3 ? nil : 1_767_225_600 + Int64(i) * 86_400 * 3,
                    category: i % 5 == 4 ? nil : subject.category, url: i % 3 == 0 ? "https://example.com/\(id(i))" : nil))
        }
        for (copy, original) in [(30, 2), (31, 7)] {
            var article = articles[original]
            article.id = id(copy)
            article.body = article.body.replacingOccurrences(of: " ", with: " also ", options: [], range: nil)
            article.published = (article.published ?? 1_767_225_600) + 3_600
            articles.append(article)
        }
        return articles
    }
}
