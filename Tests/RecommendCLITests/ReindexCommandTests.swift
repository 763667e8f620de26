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
}
