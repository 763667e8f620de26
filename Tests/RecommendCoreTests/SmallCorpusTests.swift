import Foundation
import Testing

@testable import RecommendCore
import TestSupport

/// Corpora too small or too uniform for the default limits still get a vocabulary, lists and a sensible number
/// of topics, and the build report says what was relaxed or clamped.
@Suite struct SmallCorpusTests {
    static func article(_ i: Int, _ title: String, _ body: String) -> Article {
        Article(id: "d\(i)", title: title, body: body)
    }

    @Test("identical articles keep their terms and are each other's near-duplicates")
    func identicalArticles() throws {
        let articles = (0..<30).map {
            Self.article($0, "Port strike halts exports", "Dockworkers at the port walked out over automation plans.")
        }
        let (contents, report) = try IndexBuilder().build(articles: articles)
        #expect(report.terms > 0)
        #expect(report.adjustments.contains { $0.contains("max df") }, "\(report.adjustments)")
        #expect(contents.related.list(of: 0).count == 29)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try IndexWriter.write(contents, to: dir.file("d.index"))
        let index = try RecommendIndex(path: dir.file("d.index"))
        let response = try RelatedRanker(index: index, loadingVectors: false).related(to: 0, RelatedQuery())
        #expect(response.alsoPublishedAs?.count == 29)
    }

    @Test("two articles sharing words get those words as terms and each other as related")
    func twoArticles() throws {
        let articles = [
            Self.article(0, "Santos port strike", "Dockworkers in Santos strike over automation at the port."),
            Self.article(1, "Strike ends at Santos", "The Santos port strike ended after the union accepted a deal."),
        ]
        let (contents, report) = try IndexBuilder().build(articles: articles)
        #expect(report.terms > 0)
        #expect(!report.adjustments.isEmpty)
        #expect(contents.related.list(of: 0).map(\.index) == [1])
        // Two stories, not one re-published: min df 2 alone would keep only the words both share, giving both
        // the same vector; the words of each are kept too.
        #expect(contents.duplicates?.group == [0, 1])
        #expect(contents.related.list(of: 0).first.map { $0.score < 0.9 } == true)
    }

    @Test("auto never splits a small corpus into mostly single-article topics", arguments: [12, 31, 35, 40])
    func autoTopicsOnSmallCorpora(count: Int) throws {
        let articles = syntheticArticles(count: count, topics: 3)
        let (contents, report) = try IndexBuilder().build(articles: articles)
        let topics = try #require(contents.topics).table.topics
        let singletons = topics.count { $0.size == 1 }
        #expect(topics.count <= max(1, count / 5), "\(topics.map(\.size))")
        #expect(singletons * 2 < topics.count || topics.count == 1, "\(topics.map(\.size))")
        #expect(report.topics?.count.rule == .auto)
    }

    @Test("a topic count above what the corpus allows is clamped, and the report says so")
    func clampedTopicCount() throws {
        var configuration = RecommendConfiguration()
        configuration.topics.count = 500
        let (contents, report) = try IndexBuilder(configuration: configuration)
            .build(articles: syntheticArticles(count: 200, topics: 8))
        let topics = try #require(report.topics)
        #expect(topics.count.rule == .fixed && topics.count.asked == 500 && topics.count.requested == 40)
        #expect((contents.topics?.table.topics.count ?? 0) <= 40)
        #expect(report.adjustments.contains { $0.contains("500") && $0.contains("40") }, "\(report.adjustments)")
    }

    @Test("a corpus the limits fit is built without adjustments")
    func noAdjustments() throws {
        // Without the embedding channel, which a build given no model leaves out (an adjustment of its own).
        var configuration = RecommendConfiguration()
        configuration.embedding = nil
        let report = try IndexBuilder(configuration: configuration)
            .build(articles: syntheticArticles(count: 200, topics: 8)).report
        #expect(report.adjustments.isEmpty, "\(report.adjustments)")
    }
}
