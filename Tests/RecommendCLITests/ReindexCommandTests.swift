import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A class so that each test's folder is removed when the test ends (Swift Testing makes one instance per test).
@Suite(.serialized) final class ReindexCommandTests: Sendable {
    let directory: String

    init() throws {
        directory = try TemporaryDirectory().path
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

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

    @Test(
        "reindex from PostgreSQL: the password from PGPASSFILE, byte-identical rebuilds, and failures that leave the index"
    )
    func postgresqlFlow() throws {
        let database = try TestDatabase()
        defer { database.drop() }
        try database.createArticles(try sampleArticles().shuffled())
        // The password in a password file, as an operator keeps it, not in the address.
        let passfile = directory + "/pgpass"
        try "*:*:\(database.name):*:\(TestDatabase.password)\n".write(
            toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let environment = ["PGPASSFILE": passfile, "PGPASSWORD": ""]
        let source = database.addressWithoutPassword(query: "table=articles")
        let report = directory + "/report.json"
        let first = try CLI.run(
            ["reindex", "--source", source, "--index", index, "--report", report], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("generation 1, 200 articles"))
        let related = try CLI.run(["related", "a067", "--index", index, "-k", "3"])
        #expect(related.status == 0 && related.stdout.contains("a066"))

        // The same rows give the same index, byte for byte, but for the generation; a feed of the same articles too.
        let again = directory + "/again.index"
        #expect(try CLI.run(["reindex", "--source", source, "--index", again], environment: environment).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == Data(contentsOf: URL(fileURLWithPath: again)))
        let fromFeed = directory + "/feed.index"
        #expect(try CLI.run(["index", "Data/articles.jsonl", "--index", fromFeed]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fromFeed)) == Data(contentsOf: URL(fileURLWithPath: index)))

        // The lists into a table of the same database, for the CMS to join.
        let export = try CLI.run(
            [
                "export", "--index", index, "--related", database.addressWithoutPassword(query: "table=related"), "-k",
                "5",
            ],
            environment: environment)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("wrote 1000 rows of 200 lists"))
        let best = try database.rows(
            "SELECT related_id, generation FROM related WHERE article_id = 'a067' AND rank = 1")
        #expect(best == [["a056", "1"]])

        let served = try Data(contentsOf: URL(fileURLWithPath: index))
        // A wrong password: exit 65, no password printed, the index untouched.
        var wrong = URLComponents(string: database.address(query: "table=articles"))!
        wrong.password = "wrong-password"
        let refused = try CLI.run(["reindex", "--source", wrong.string!, "--index", index, "--report", report])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("refused the login") && !refused.stderr.contains("wrong-password"))
        #expect(!(try String(contentsOfFile: report, encoding: .utf8)).contains("wrong-password"))
        // A missing table: exit 65 with the tables there are.
        let noTable = try CLI.run(
            ["reindex", "--source", database.addressWithoutPassword(query: "table=stories"), "--index", index],
            environment: environment)
        #expect(
            noTable.status == 65
                && noTable.stderr.contains("no table 'stories' (tables: public.articles, public.related)"))
        // The server not answering: exit 75 (try again later).
        let down = try CLI.run(
            ["reindex", "--source", "postgresql://u@127.0.0.1:1/news?connect_timeout=2", "--index", index])
        #expect(down.status == 75 && down.stderr.contains("cannot connect"))
        // A misspelt parameter: exit 65 naming it.
        let misspelt = try CLI.run(["reindex", "--source", source + "&sslmod=disable", "--index", index])
        #expect(misspelt.status == 65 && misspelt.stderr.contains("unknown parameter 'sslmod'"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == served)
    }
}
