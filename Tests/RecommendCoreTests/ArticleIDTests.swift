import Foundation
import Testing

@testable import RecommendCore
import TestSupport

/// Ids are keys from a content system: two ids are one id only when their bytes are equal, never because Unicode
/// calls them canonically equivalent (`café` as U+00E9 and as `e` + U+0301).
@Suite struct ArticleIDTests {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    /// A small corpus holding both spellings, each with its own text.
    static func articles() -> [Article] {
        var articles = syntheticArticles(count: 40, topics: 3)
        articles[0].id = composed
        articles[1].id = decomposed
        return articles
    }

    @Test("canonically equivalent ids are distinct keys, compared and hashed over their UTF-8 bytes")
    func keys() {
        #expect(Self.composed == Self.decomposed)
        #expect(ArticleID(Self.composed) != ArticleID(Self.decomposed))
        #expect(Set([ArticleID(Self.composed), ArticleID(Self.decomposed), ArticleID(Self.composed)]).count == 2)
    }

    @Test("a feed with both spellings is two articles, not a duplicate")
    func feed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write(
            "feed.jsonl",
            #"{"id": "\#(Self.composed)", "title": "One", "body": "first text"}"# + "\n"
                + #"{"id": "\#(Self.decomposed)", "title": "Two", "body": "second text"}"# + "\n")
        let (articles, report) = try FeedReader().read([file])
        #expect(articles.map { Array($0.id.utf8) } == [Array(Self.composed.utf8), Array(Self.decomposed.utf8)])
        #expect(report.issues.isEmpty)
    }

    @Test("the index finds each spelling at its own row; verify, incremental plans and topics keep them apart")
    func index() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = Self.articles()
        let built = try IndexBuilder().build(articles: articles).contents
        let path = dir.file("news.index")
        try IndexWriter.write(built, to: path)
        let index = try RecommendIndex(path: path)
        #expect(try index.index(of: Self.composed) == 0)
        #expect(try index.index(of: Self.decomposed) == 1)
        #expect(IndexVerifier.verify(path).isSound)
        let plan = IncrementalUpdate.plan(previous: try index.contents(), articles: articles)
        #expect(plan.added.isEmpty && plan.removed.isEmpty && plan.changed.isEmpty)
        let previous = try #require(index.previousTopics())
        #expect(previous.topicOfArticle.count == built.topics?.articleTopics.count { $0 >= 0 })
    }

    @Test("excluding one spelling leaves the other in the list")
    func excluded() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var articles = Self.articles()
        articles[1].body = articles[0].body
        articles[1].title = articles[0].title + " again"
        let path = dir.file("news.index")
        try IndexWriter.write(try IndexBuilder().build(articles: articles).contents, to: path)
        let index = try RecommendIndex(path: path)
        let ranker = try RelatedRanker(index: index, loadingVectors: false)
        var query = RelatedQuery()
        query.collapseDuplicates = false
        query.excluded = [ArticleID(Self.composed)]
        let list = try ranker.related(to: 2, query).related.map { Array($0.article.id.utf8) }
        #expect(!list.contains(Array(Self.composed.utf8)))
        let own = try ranker.related(to: 0, query).related.map { Array($0.article.id.utf8) }
        #expect(own.contains(Array(Self.decomposed.utf8)))
    }
}
