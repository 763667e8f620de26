import Foundation
import TestSupport
import Testing

@testable import RecommendCore

@Suite struct ReindexJobTests {
    /// `articles` as a JSON Lines feed in `dir`, every field the index keeps included.
    static func feed(_ articles: [Article], in dir: TemporaryDirectory, name: String = "feed.jsonl") throws -> String {
        let encoder = JSONEncoder()
        let lines = try articles.map { article -> String in
            var object: [String: String] = ["id": article.id, "title": article.title, "body": article.body]
            object["category"] = article.category
            object["published"] = article.published.map(ISO8601Date.format)
            object["url"] = article.url
            return String(decoding: try encoder.encode(object), as: UTF8.self)
        }
        return try dir.write(name, lines.joined(separator: "\n") + "\n")
    }

    @Test("the nightly report notes what a build relaxed for a corpus too uniform for its limits")
    func adjustmentsNoted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = (0..<30).map {
            Article(id: "d\($0)", title: "Port strike halts exports", body: "Dockworkers walked out over automation.")
        }
        let report = try ReindexJob(
            source: ArticleSource.feeds([try Self.feed(articles, in: dir)]), index: dir.file("x.index")
        )
        .run()
        #expect(report.notes.contains { $0.contains("the body field keeps every term") }, "\(report.notes)")
    }

    @Test("each run raises the generation and keeps the last --keep previous generations")
    func generations() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let index = dir.path + "/news.index"
        var job = ReindexJob(source: ArticleSource.feeds([try Self.feed(try sampleArticles(), in: dir)]), index: index)
        job.keep = 2
        job.reportPath = dir.path + "/report.json"
        for expected in 1...4 as ClosedRange<UInt64> {
            let report = try job.run()
            #expect(report.status == .succeeded && report.generation == expected)
            #expect(try RecommendIndex(path: index).metadata.generation == expected)
        }
        #expect(try RecommendIndex(path: index + ".1").metadata.generation == 3)
        #expect(try RecommendIndex(path: index + ".2").metadata.generation == 2)
        #expect(!FileManager.default.fileExists(atPath: index + ".3"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: job.reportPath!)))
        let object = try #require(report as? [String: Any])
        #expect(object["generation"] as? Int == 4 && object["previousGeneration"] as? Int == 3)
        // The same feed again: every topic kept its id and every shared article its topic.
        let topics = try #require(object["topics"] as? [String: Any])
        #expect((topics["born"] as? [Int])?.isEmpty == true && (topics["died"] as? [Int])?.isEmpty == true)
        #expect(topics["sameTopic"] as? Int == topics["sharedArticles"] as? Int)
        let churn = try #require(object["churn"] as? [String: Any])
        #expect(churn["meanOverlap"] as? Double == 1 && churn["changedMoreThanHalf"] as? Int == 0)
        #expect(
            (object["phases"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
                "read", "vectors", "dense", "similarity", "duplicates", "topics", "write", "validate", "churn",
                "install",
            ])
    }

    @Test("a second run while the lock is held is refused; the lock goes with its holder")
    func lock() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let index = dir.path + "/news.index"
        var job = ReindexJob(source: ArticleSource.feeds([packageRoot + "/Data/articles.jsonl"]), index: index)
        job.reportPath = dir.path + "/report.json"
        do {
            let held = try ReindexLock(indexPath: index)
            #expect(throws: ReindexError.locked(lockFile: index + ".lock", holder: "pid \(getpid())")) { try job.run() }
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/report.json"))
            withExtendedLifetime(held) {}
        }
        #expect(try job.run().generation == 1)
    }

    @Test(
        "a failure at any step before install leaves the previous index untouched and no temporary file",
        arguments: [ReindexStep.previous, .read, .build, .write, .validate, .rotate, .install])
    func failureKeepsPrevious(step: ReindexStep) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let index = dir.path + "/news.index"
        var job = ReindexJob(source: ArticleSource.feeds([packageRoot + "/Data/articles.jsonl"]), index: index)
        job.reportPath = dir.path + "/report.json"
        _ = try job.run()
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        job.failingStep = step
        #expect(throws: ReindexError.failed(step: step, reason: "failure injected for a test")) { try job.run() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }.isEmpty)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: job.reportPath!)))
        #expect((report as? [String: Any])?["failedStep"] as? String == step.rawValue)
        job.failingStep = nil
        #expect(try job.run().generation == 2)
    }

    @Test("a source that lost more than the allowed share is refused, the serving index untouched, unless allowed")
    func shrinkingSource() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let index = dir.path + "/news.index"
        let articles = Array(try sampleArticles().prefix(40))
        _ = try ReindexJob(source: ArticleSource.feeds([try Self.feed(articles, in: dir)]), index: index).run()
        let served = try Data(contentsOf: URL(fileURLWithPath: index))
        let fewer = try Self.feed(Array(articles.prefix(30)), in: dir, name: "fewer.jsonl")
        var job = ReindexJob(source: ArticleSource.feeds([fewer]), index: index)
        #expect { try job.run() } throws: { error in
            error as? ReindexError == .shrinking(previous: articles.count, next: 30, limit: 0.2)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == served)
        job.maximumShrink = 0.3
        #expect(try job.run().articles == 30)
        let few = try Self.feed(Array(articles.prefix(4)), in: dir, name: "few.jsonl")
        job = ReindexJob(source: ArticleSource.feeds([few]), index: index)
        #expect(throws: ReindexError.self) { try job.run() }
        job.maximumShrink = nil
        let report = try job.run()
        #expect(report.articles == 4 && report.churn?.articlesRemoved == 26)
    }

    @Test("a feed whose every line is bad fails at 'read' with every issue reported, as a partly bad feed is")
    func everyLineBad() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let feed = try dir.write("bad.jsonl", "not json\n{\"title\": \"no id\"}\n{\"id\": \"x\", \"title\": \"\"}\n")
        #expect {
            try IndexBuilder().build(inputs: [feed])
        } throws: { error in
            guard case .noArticles(let report)? = error as? FeedError else { return false }
            return report.linesRead == 3 && report.issues.map(\.location.line) == [1, 2, 3]
                && "\(error)".contains("bad.jsonl:1: malformed")
        }
        var job = ReindexJob(source: ArticleSource.feeds([feed]), index: dir.path + "/news.index")
        job.reportPath = dir.path + "/report.json"
        #expect(throws: ReindexError.self) { try job.run() }
        let report = try JSONDecoder().decode(
            ReindexReport.self, from: Data(contentsOf: URL(fileURLWithPath: dir.path + "/report.json")))
        #expect(report.status == .failed && report.failedStep == .read)
        #expect(report.input.linesRead == 3 && report.issues.count == 3)
        #expect(report.input.skippedByReason == ["malformed": 1, "missing-id": 1, "empty-text": 1])
    }

    @Test("an unreadable source fails at 'read'; temporary files of killed runs are removed")
    func readFailureAndStaleFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let index = dir.path + "/news.index"
        let missing = ReindexJob(source: ArticleSource.feeds([dir.path + "/none.jsonl"]), index: index)
        #expect { try missing.run() } throws: { ($0 as? ReindexError)?.step == .read }
        #expect(!FileManager.default.fileExists(atPath: index))
        let stale = try dir.write("news.index.tmp-2147483000", "half an index")
        let report = try ReindexJob(source: ArticleSource.feeds([packageRoot + "/Data/articles.jsonl"]), index: index)
            .run()
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(report.notes.contains { $0.contains("interrupted runs") })
    }
}
