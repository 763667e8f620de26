import Foundation
import GRDB
import TestSupport
import Testing

@testable import RecommendCore

@Suite struct SQLiteArticleTests {
    @Test("articles stored with the writer read back as the feed gave them")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = try sampleArticles()
        let database = dir.path + "/articles.db"
        #expect(try SQLiteArticleWriter().write(articles, to: database) == articles.count)
        // Loading again updates rows with the same id in place rather than adding them.
        #expect(try SQLiteArticleWriter().write(Array(articles.prefix(10)), to: database) == articles.count)
        let (read, report) = try SQLiteArticleReader().read(database)
        #expect(read == articles)
        #expect(report.linesRead == articles.count && report.issues.isEmpty)
    }

    @Test("bad rows are skipped and reported with their rowid, the rest is read; columns can be renamed")
    func badRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = dir.path + "/news.sqlite"
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE stories (story_id, headline, text, day)")
            try db.execute(
                sql: "INSERT INTO stories VALUES (17, 'Tram line opens', 'The new tram line opens', '2026-03-01')")
            try db.execute(sql: "INSERT INTO stories VALUES (NULL, 'No id', 'Body', NULL)")
            try db.execute(sql: "INSERT INTO stories VALUES ('e', '', '  ', NULL)")
            try db.execute(
                sql: "INSERT INTO stories VALUES ('u', ?, 'Body', NULL)", arguments: [Data([0x66, 0xFF, 0xFE])])
            try db.execute(sql: "INSERT INTO stories VALUES ('d', 'Bad date', 'Body', 'yesterday')")
        }
        var table = ArticleTable()
        table.name = "stories"
        table.id = "story_id"
        table.title = "headline"
        table.body = "text"
        table.published = "day"
        let (articles, report) = try SQLiteArticleReader(table: table).read(database)
        #expect(articles.map(\.id) == ["17", "d"])
        #expect(articles[0].published == ISO8601Date.parse("2026-03-01"))
        #expect(articles[1].published == nil)
        let issues = report.issues.map { "\($0.location.line) \($0.reason.rawValue)" }
        #expect(issues == ["2 missing-id", "3 empty-text", "4 invalid-utf8", "5 bad-date"])
        #expect(report.issues[0].location.description == "\(database)#stories:2")
        #expect(report.linesRead == 5 && report.articlesAccepted == 2 && report.skipped == 3)
    }

    @Test("embeddings: written and read back exactly; a BLOB of float32 or a text list read; a bad one skips its row")
    func embeddings() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var articles = Array(try sampleArticles().prefix(3))
        articles[0].embedding = [0.1, -2.5e-3, 3]
        articles[2].embedding = [Float.pi, 1 / 3, -0]
        let database = dir.path + "/articles.db"
        // A table made before the embedding column existed gets it on the next load.
        let queue = try DatabaseQueue(path: database)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE articles (id TEXT PRIMARY KEY NOT NULL, title TEXT, body TEXT)")
        }
        #expect(try SQLiteArticleWriter().write(articles, to: database) == 3)
        #expect(try SQLiteArticleReader().read(database).articles == articles)

        let blob = [Float(0.5), -1, 2].flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
        }
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO articles (id, title, body, embedding) VALUES ('b', 'Blob', 'x', ?)",
                arguments: [Data(blob)])
            try db.execute(
                sql: "INSERT INTO articles (id, title, body, embedding) VALUES ('t', 'Text', 'x', '{1, 2,3 }')")
            try db.execute(
                sql: "INSERT INTO articles (id, title, body, embedding) VALUES ('n', 'NaN', 'x', '[1, nan]')")
            try db.execute(
                sql: "INSERT INTO articles (id, title, body, embedding) VALUES ('s', 'Short', 'x', ?)",
                arguments: [Data([1, 2, 3])])
        }
        let (read, report) = try SQLiteArticleReader().read(database)
        #expect(read.first { $0.id == "b" }?.embedding == [0.5, -1, 2])
        #expect(read.first { $0.id == "t" }?.embedding == [1, 2, 3])
        #expect(!read.contains { $0.id == "n" || $0.id == "s" })
        #expect(report.issues.map(\.reason) == [.malformed, .malformed])
        #expect(report.issues[0].detail.contains("column embedding") && report.issues[1].detail.contains("3 bytes"))
    }

    @Test("a database a writer keeps locked is waited for, then refused as busy (a temporary failure)")
    func busy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = try sampleArticles()
        let database = dir.path + "/articles.db"
        _ = try SQLiteArticleWriter().write(articles, to: database)
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // the lock is held across accesses, as a CMS's long write does
        let writer = try DatabaseQueue(path: database, configuration: holding)
        try writer.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE TRANSACTION") }
        var reader = SQLiteArticleReader()
        reader.busyTimeout = 0.3
        let start = ContinuousClock.now
        #expect(throws: DatabaseError.busy(path: database, seconds: 0.3)) { try reader.read(database) }
        #expect(ContinuousClock.now - start >= .milliseconds(250))
        try writer.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        #expect(try reader.read(database).articles.count == articles.count)
    }

    @Test("a missing file, table or required column stops the run with a message naming it")
    func missingParts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = dir.path + "/a.db"
        #expect(throws: DatabaseError.missing(path: database)) { try SQLiteArticleReader().read(database) }
        try DatabaseQueue(path: database).write { db in try db.execute(sql: "CREATE TABLE news (id, title)") }
        #expect(throws: DatabaseError.missingTable(path: database, table: "articles", found: ["news"])) {
            try SQLiteArticleReader().read(database)
        }
        var table = ArticleTable()
        table.name = "news"
        #expect(
            throws: DatabaseError.missingColumn(path: database, table: "news", column: "body", found: ["id", "title"])
        ) {
            try SQLiteArticleReader(table: table).read(database)
        }
    }

    @Test(
        "a source is a database when written sqlite:PATH or named .sqlite/.sqlite3/.db",
        arguments: [
            (["sqlite:news"], true), (["a.db"], true), (["A.SQLITE"], true), (["x.sqlite3"], true),
            (["a.jsonl"], false), (["dir"], false), (["a.db", "b.db"], false),
        ])
    func recognition(arguments: [String], isDatabase: Bool) throws {
        if case .sqlite = try ArticleSource(arguments) { #expect(isDatabase) } else { #expect(!isDatabase) }
        if case .postgresql = try ArticleSource(arguments) { Issue.record("\(arguments) read as PostgreSQL") }
    }

    @Test("a postgresql:// or postgres:// address is a PostgreSQL source; its table= names the table")
    func postgresqlRecognition() throws {
        for argument in ["postgresql://u@h/news?table=stories", "POSTGRES://u@h/news?table=stories"] {
            guard case .postgresql(let address, let table) = try ArticleSource([argument]) else {
                Issue.record("\(argument) not read as PostgreSQL")
                continue
            }
            #expect(address.database == "news" && address.host == "h" && table.name == "stories")
        }
    }
}
