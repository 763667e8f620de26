import Foundation
import TestSupport
import Testing

@testable import RecommendCore

@Suite struct IncrementalUpdateTests {
    /// A full index of the first `base` articles, then an incremental run over all of them.
    static func run(_ articles: [Article], base: Int, in dir: TemporaryDirectory) throws -> (
        index: String, report: ReindexReport, previous: IndexContents
    ) {
        let index = dir.path + "/news.index"
        _ = try ReindexJob(
            source: ArticleSource.feeds([try ReindexJobTests.feed(Array(articles.prefix(base)), in: dir)]), index: index
        ).run()
        let previous = try RecommendIndex(path: index).contents()
        var job = ReindexJob(
            source: ArticleSource.feeds([try ReindexJobTests.feed(articles, in: dir, name: "all.jsonl")]), index: index)
        job.incremental = true
        return (index, try job.run(), previous)
    }

    @Test("new articles get exact lists, enter the old lists they beat, and the rest stays as it was")
    func addsArticles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = syntheticArticles(count: 1_010, topics: 12)
        let (index, report, previous) = try Self.run(articles, base: 1_000, in: dir)
        #expect(report.mode == .incremental && report.input.added == 10 && report.generation == 2)
        let next = try RecommendIndex(path: index)
        #expect(next.count == 1_010 && next.metadata.method.hasSuffix("+incremental"))
        let width = next.metadata.neighbours
        var untouched = 0
        for j in 0..<1_000 {
            let list = try next.related(to: j, limit: width)
            let old = previous.related.list(of: j)
            let hasNew = try list.contains { try next.index(of: $0.article.id)! >= 1_000 }
            if !hasNew {
                #expect(list.map(\.score) == old.map(\.score))
                untouched += 1
            }
        }
        #expect(untouched > 0 && untouched < 1_000)
        // Every new article is in the list of each article it beats the worst entry of.
        for k in 1_000..<1_010 {
            let list = try next.related(to: k, limit: width)
            #expect(list.count == width)
            for entry in list {
                let j = try next.index(of: entry.article.id)!
                guard j < 1_000 else { continue }
                let other = try next.related(to: j, limit: width)
                if entry.score > other.last!.score {
                    #expect(other.contains { $0.article.id == articles[k].id && abs($0.score - entry.score) < 1e-5 })
                }
            }
        }
    }

    @Test("the lists match a full rebuild within the tolerance the docs state")
    func matchesFullRebuild() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = syntheticArticles(count: 1_010, topics: 12)
        let (index, _, _) = try Self.run(articles, base: 1_000, in: dir)
        let full = try IndexBuilder().build(articles: articles).contents
        let churn = RelatedChurn(
            previous: RelatedChurn.Lists(full), next: try RelatedChurn.Lists(try RecommendIndex(path: index)))
        #expect(churn.articlesCompared == 1_010)
        #expect(churn.meanOverlap > 0.8, "mean top-10 overlap with a full rebuild \(churn.meanOverlap)")
    }

    @Test("removed articles make the run fall back to a full rebuild, with a note saying why")
    func removedFallsBack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = try sampleArticles()
        let index = dir.path + "/news.index"
        _ = try ReindexJob(source: ArticleSource.feeds([try ReindexJobTests.feed(articles, in: dir)]), index: index)
            .run()
        var job = ReindexJob(
            source: ArticleSource.feeds([
                try ReindexJobTests.feed(Array(articles.dropFirst()), in: dir, name: "b.jsonl")
            ]),
            index: index)
        job.incremental = true
        let report = try job.run()
        #expect(report.mode == .full && report.input.removed == 1)
        #expect(report.notes.contains { $0.contains("no longer in the source") && $0.contains(articles[0].id) })
        #expect(try RecommendIndex(path: index).count == articles.count - 1)
    }

    @Test(
        "an article changed under its id (body, headline or date) makes the run full; an unchanged source does not",
        arguments: ["body", "title", "published", "none"])
    func changedFallsBack(_ field: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = Array(try sampleArticles().prefix(60))
        let index = dir.path + "/news.index"
        let base = Array(articles.dropLast(2))
        _ = try ReindexJob(source: ArticleSource.feeds([try ReindexJobTests.feed(base, in: dir)]), index: index).run()
        var source = articles
        switch field {
        case "body": source[5].body += " The port authority later denied every claim."
        case "title": source[5].title += " (updated)"
        case "published": source[5].published = (source[5].published ?? 0) + 86_400
        default: break
        }
        var job = ReindexJob(
            source: ArticleSource.feeds([try ReindexJobTests.feed(source, in: dir, name: "b.jsonl")]), index: index)
        job.incremental = true
        let report = try job.run()
        if field == "none" {
            #expect(report.mode == .incremental && report.input.added == 2)
        } else {
            #expect(report.mode == .full)
            #expect(report.notes.contains { $0.contains("changed in the source") && $0.contains(articles[5].id) })
            let rebuilt = try RecommendIndex(path: index)
            let i = try #require(try rebuilt.index(of: articles[5].id))
            #expect(rebuilt.article(i).title == source[5].title)
        }
    }

    @Test("an incremental index holds what a full build holds: groups, topics with their ids, the configuration")
    func completeAsFullBuild() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = try sampleArticles()
        let index = dir.path + "/news.index"
        var configuration = RecommendConfiguration()
        configuration.nearDuplicates?.bodyCosine = 0.85
        configuration.weighting.titleWeight = 0.2
        configuration.embedding = nil  // built without a model, so stored without the channel
        try IndexWriter.write(IndexBuilder(configuration: configuration).build(articles: articles).contents, to: index)
        let before = try RecommendIndex(path: index).contents()
        let copy = { (id: String) in articles.first { $0.id == id }! }
        let added = [copy("a066"), copy("a067")].enumerated().map { k, article in
            Article(id: "new\(k)", title: article.title, body: article.body, published: article.published)
        }
        var job = ReindexJob(
            source: ArticleSource.feeds([try ReindexJobTests.feed(articles + added, in: dir, name: "all.jsonl")]),
            index: index)
        job.incremental = true
        let report = try job.run()
        #expect(report.mode == .incremental && report.input.added == 2)
        let after = try RecommendIndex(path: index).contents()
        #expect(after.metadata.configuration == configuration)
        let full = try IndexBuilder(configuration: configuration).build(articles: articles + added).contents
        #expect((after.duplicates != nil) == (full.duplicates != nil) && (after.topics != nil) == (full.topics != nil))
        // The copies of a066/a067 join the group of the originals.
        let groups = try #require(after.duplicates)
        let position = { (id: String) in after.articles.firstIndex { $0.id == id }! }
        #expect(groups.group[position("new0")] == groups.group[position("a066")])
        #expect(groups.group[position("new1")] == groups.group[position("a067")])
        // Topics: the old articles keep the topic ids they had.
        let topics = try #require(after.topics)
        let previousTopics = try #require(before.topics)
        let kept = (0..<before.articles.count).count { topics.articleTopics[$0] == previousTopics.articleTopics[$0] }
        #expect(
            Double(kept) >= 0.9 * Double(before.articles.count), "\(kept) of \(before.articles.count) kept their topic")
        #expect(topics.table.topics.map(\.size).reduce(0, +) == topics.articleTopics.count { $0 >= 0 })
        #expect(report.topics != nil)
    }

    @Test("without a latent space the update is built in full, and the report says why")
    func noLatentSpaceFallsBack() throws {
        var configuration = RecommendConfiguration()
        configuration.weighting.semanticWeight = 0
        configuration.embedding = nil  // built without a model, so stored without the channel
        let articles = try sampleArticles()
        let previous = try IndexBuilder(configuration: configuration).build(articles: Array(articles.dropLast(3)))
            .contents
        #expect(previous.semantic == nil)
        let built = try IndexBuilder().update(previous, articles: articles)
        #expect(built.report.mode == .full && built.report.fallback?.contains("latent") == true)
        #expect(built.contents.topics != nil && built.contents.metadata.configuration == configuration)
    }
}
