import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.serialized) struct ReindexCommandTests {
    let directory: String

    init() throws {
        directory = try TemporaryDirectory().path
    }

    var index: String { directory + "/news.index" }

    @Test("load-sqlite then reindex from the database: a report, generations, log lines when not on a terminal")
    func sqliteFlow() throws {
        let database = directory + "/articles.db"
        let load = try CLI.run(["load-sqlite", "Data/articles.jsonl", "--database", database])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(load.stdout.contains("stored 200 articles"))
        let report = directory + "/report.json"
        for generation in 1...2 {
            let run = try CLI.run(["reindex", "--source", database, "--index", index, "--report", report])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("reindexed \(index): generation \(generation), 200 articles"))
            #expect(run.stderr.contains("reindex phase=similarity articles=200"))
        }
        #expect(FileManager.default.fileExists(atPath: index + ".1"))
        let object =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect(object?["status"] as? String == "succeeded" && object?["generation"] as? Int == 2)
        let related = try CLI.run(["related", "a067", "--index", index, "-k", "3"])
        #expect(related.status == 0 && related.stdout.contains("a066"))
    }

    @Test("a second run while one holds the lock exits 75 and says so; a bad source exits 65")
    func exitCodes() throws {
        let fd = open(index + ".lock", O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let locked = try CLI.run(["reindex", "--source", "Data/articles.jsonl", "--index", index])
        #expect(locked.status == 75)
        #expect(locked.stderr.contains("another reindex is running"))
        close(fd)
        let missing = try CLI.run(["reindex", "--source", directory + "/none.db", "--index", index])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("step 'read'") && missing.stderr.contains("load-sqlite"))
        #expect(!FileManager.default.fileExists(atPath: index))
    }

    @Test("killed at random points, the old index still serves, no temporary file stays, a re-run succeeds")
    func killedRuns() throws {
        let corpus = directory + "/corpus.jsonl"
        try Data(KillTest.corpus(articles: 1_500).utf8).write(to: URL(fileURLWithPath: corpus))
        let clock = ContinuousClock.now
        let first = try CLI.run(["reindex", "--source", corpus, "--index", index])
        #expect(first.status == 0, "\(first.stderr)")
        let seconds = Double((ContinuousClock.now - clock).components.seconds) + 0.5
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments = ["reindex", "--source", corpus, "--index", index]
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(Double.random(in: 0...seconds, using: &generator) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let export = try CLI.run(["export", "--index", index, "-k", "1"])
            #expect(export.status == 0, "\(export.stderr)")
            #expect(export.stdout.split(separator: "\n").count == 1_500)
            let query = try CLI.run(["query", "--index", index, "--title", "w3 w4", "--body", "w5 w6 w7"])
            #expect(query.status == 0, "\(query.stderr)")
        }
        let rerun = try CLI.run(["reindex", "--source", corpus, "--index", index])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
    }
}

/// A generated corpus for the kill test: topics with their own words, large enough that a reindex takes a while.
enum KillTest {
    static func corpus(articles: Int) -> String {
        var random = SystemRandomNumberGenerator()
        var lines: [String] = []
        for i in 0..<articles {
            let topic = i % 25
            let words = (0..<120).map { _ in
                Bool.random(using: &random)
                    ? "t\(topic)w\(Int.random(in: 0..<80, using: &random))"
                    : "w\(Int.random(in: 0..<2_000, using: &random))"
            }
            lines.append(
                "{\"id\": \"k\(i)\", \"title\": \"\(words.prefix(6).joined(separator: " "))\", \"body\": \"\(words.joined(separator: " "))\"}"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
