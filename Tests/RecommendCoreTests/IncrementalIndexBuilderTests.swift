import Foundation
import Testing

@testable import RecommendCore
import TestSupport

@Suite struct IncrementalIndexBuilderTests {
    /// A full index of the first `base` articles, then an incremental run over all of them.
    static func run(_ articles: [Article], base: Int, in dir: TemporaryDirectory) throws -> (
        index: String, report: ReindexReport, previous: IndexContents
    ) {
        let index = dir.path + "/news.index"
        _ = try ReindexJob(
            source: ArticleSource([try ReindexJobTests.feed(Array(articles.prefix(base)), in: dir)]), index: index
        ).run()
        let previousIndex = try RecommendIndex(path: index)
        let previous = IndexContents(
            metadata: previousIndex.metadata, articles: [], model: try previousIndex.loadModel().model,
            vectors: try previousIndex.loadModel().vectors, semantic: nil,
            related: RelatedLists(
                width: previousIndex.metadata.neighbours, indices: Array(previousIndex.relatedIndices),
                scores: Array(previousIndex.relatedScores)))
        var job = ReindexJob(
            source: ArticleSource([try ReindexJobTests.feed(articles, in: dir, name: "all.jsonl")]), index: index)
        job.incremental = true
        return (index, try job.run(), previous)
    }

    @Test("new articles get exact lists, enter the old lists they beat, and the rest stays as it was")
    func addsArticles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = syntheticArticles(count: 1_010, topics: 12)
        let (index, report, previous) = try Self.run(articles, base: 1_000, in: dir)
        #expect(report.mode == "incremental" && report.input.added == 10 && report.generation == 2)
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
        _ = try ReindexJob(source: ArticleSource([try ReindexJobTests.feed(articles, in: dir)]), index: index).run()
        var job = ReindexJob(
            source: ArticleSource([try ReindexJobTests.feed(Array(articles.dropFirst()), in: dir, name: "b.jsonl")]),
            index: index)
        job.incremental = true
        let report = try job.run()
        #expect(report.mode == "full" && report.input.removed == 1)
        #expect(report.notes.contains { $0.contains("no longer in the source") && $0.contains(articles[0].id) })
        #expect(try RecommendIndex(path: index).count == articles.count - 1)
    }
}
