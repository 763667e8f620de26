import Foundation
import Synchronization
import TestSupport
import Testing

@testable import RecommendCore

/// The PostgreSQL source against a real server (see `TestDatabase`), each test in a database of its own.
@Suite struct PostgreSQLArticleTests {
    @Test("the articles of a table read back as the feed gave them, in id order, whatever the insert order")
    func roundTrip() throws {
        let database = try TestDatabase()
        defer { database.drop() }
        let articles = try sampleArticles()
        try database.createArticles(articles.reversed())
        let address = try PostgreSQLAddress(database.address(query: "table=articles"))
        let (read, report) = try PostgreSQLArticleReader(address: address).read()
        #expect(read == articles.sorted { $0.id < $1.id })
        #expect(report.linesRead == articles.count && report.issues.isEmpty)
        // A small cursor batch gives the same articles.
        var batched = PostgreSQLArticleReader(address: address)
        batched.batchSize = 7
        #expect(try batched.read().articles == read)
    }

    @Test("bad rows are skipped and reported with their position and id; renamed columns and native types are read")
    func badRows() throws {
        let database = try TestDatabase()
        defer { database.drop() }
        try database.execute(
            """
            CREATE SCHEMA cms;
            CREATE TABLE cms."Stories" (story_id integer, "Headline" text, text text, day date, tags text[]);
            INSERT INTO cms."Stories" VALUES
                (17, 'Tram line opens', 'The new tram line opens', '2026-03-01', ARRAY['transport', 'city']),
                (NULL, 'No id', 'Body', NULL, NULL),
                (3, '', '  ', NULL, NULL),
                (5, 'Bad date comes as text', 'Body', NULL, ARRAY[]::text[]);
            """)
        var table = ArticleTable()
        table.name = "cms.Stories"
        table.id = "story_id"
        table.title = "headline"
        table.body = "text"
        table.published = "day"
        table.labels = "tags"
        let address = try PostgreSQLAddress(database.address())
        let (articles, report) = try PostgreSQLArticleReader(address: address, table: table).read()
        #expect(articles.map(\.id) == ["5", "17"])
        #expect(articles[1].published == ISO8601Date.parse("2026-03-01"))
        #expect(articles[1].labels == ["transport", "city"])
        #expect(articles[0].labels.isEmpty)
        let issues = report.issues.map { "\($0.location.line) \($0.location.key ?? "-") \($0.reason.rawValue)" }
        #expect(issues == ["1 3 empty-text", "4 - missing-id"])
        #expect(report.issues[0].location.description.hasSuffix("/\(database.name)#cms.Stories:1 (id 3)"))
        #expect(!report.issues[0].location.description.contains(":\(TestDatabase.password)@"))
        #expect(report.linesRead == 4 && report.articlesAccepted == 2 && report.skipped == 2)
    }

    @Test("embeddings from a real[] column or a text list ('[...]', as pgvector prints); a bad one skips its row")
    func embeddings() throws {
        let database = try TestDatabase()
        defer { database.drop() }
        try database.execute(
            """
            CREATE TABLE arrays (id text, title text, body text, embedding real[]);
            INSERT INTO arrays VALUES ('a', 'A', 'x', '{0.5,-1,2.25}'), ('b', 'B', 'x', NULL);
            CREATE TABLE texts (id text, title text, body text, vec text);
            INSERT INTO texts VALUES ('a', 'A', 'x', '[0.5, -1, 2.25]'), ('b', 'B', 'x', '[1, oops]');
            """)
        let arrays = try PostgreSQLArticleReader(
            address: try PostgreSQLAddress(database.address(query: "table=arrays"))
        ).read()
        #expect(arrays.articles.map(\.embedding) == [[0.5, -1, 2.25], nil])
        var table = ArticleTable()
        table.embedding = "vec"
        let texts = try PostgreSQLArticleReader(
            address: try PostgreSQLAddress(database.address(query: "table=texts")), table: table
        ).read()
        #expect(texts.articles.map(\.id) == ["a"] && texts.articles[0].embedding == [0.5, -1, 2.25])
        #expect(texts.report.issues.map(\.reason) == [.malformed])
        #expect(texts.report.issues.first?.location.key == "b")
    }

    @Test("a missing table, column or database and a refused password are clear errors that name no password")
    func missingThings() throws {
        let database = try TestDatabase()
        defer { database.drop() }
        try database.execute("CREATE TABLE stories (id text, title text)")
        func error(_ address: String, table: String = "articles") -> DatabaseError? {
            var articleTable = ArticleTable()
            articleTable.name = table
            do {
                _ = try PostgreSQLArticleReader(address: try PostgreSQLAddress(address), table: articleTable).read()
                return nil
            } catch { return error as? DatabaseError }
        }
        let missingTable = try #require(error(database.address()))
        guard case .missingTable(_, "articles", let found) = missingTable else {
            Issue.record("expected a missing table, got \(missingTable)")
            return
        }
        #expect(found == ["public.stories"])
        let missingColumn = try #require(error(database.address(), table: "stories"))
        #expect(
            missingColumn
                == .missingColumn(
                    path: try PostgreSQLAddress(database.address()).description, table: "stories", column: "body",
                    found: ["id", "title"]))

        var wrong = URLComponents(string: database.address())!
        wrong.password = "not-the-password"
        let refused = try #require(error(wrong.string!))
        guard case .authentication = refused else {
            Issue.record("expected a refused login, got \(refused)")
            return
        }
        #expect(!refused.isTemporary)
        #expect(!refused.description.contains("not-the-password"))

        var noDatabase = URLComponents(string: database.address())!
        noDatabase.path = "/recommend_no_such_database"
        let missingDatabase = try #require(error(noDatabase.string!))
        #expect(missingDatabase.description.contains("does not exist"))
        #expect(!missingDatabase.isTemporary)
    }

    @Test("a server that does not answer is a temporary error")
    func serverDown() throws {
        // Port 1 on loopback: nothing listens there.
        let address = try PostgreSQLAddress("postgresql://someone:secret@127.0.0.1:1/news?connect_timeout=2")
        do {
            _ = try PostgreSQLArticleReader(address: address).read()
            Issue.record("read from a server that is not there")
        } catch let error as DatabaseError {
            guard case .unreachable = error else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect(error.isTemporary)
            #expect(!error.description.contains("secret"))
        }
    }

    @Test("a statement over the statement timeout is cancelled by the server: a temporary error")
    func statementTimeout() throws {
        let database = try TestDatabase()
        defer { database.drop() }
        try database.execute(
            """
            CREATE VIEW slow AS SELECT 'x' || pg_sleep(5)::text AS id, 'Title' AS title, 'Body' AS body;
            """)
        let address = try PostgreSQLAddress(database.address(query: "table=slow&statement_timeout=0.5"))
        #expect(throws: DatabaseError.timedOut(source: address.description, seconds: 0.5)) {
            try PostgreSQLArticleReader(address: address).read()
        }
    }

    @Test(
        "rows come from one snapshot: rows committed during the read are not in it; a connection killed mid-read is a temporary error"
    )
    func snapshotAndDroppedConnection() async throws {
        let database = try TestDatabase()
        defer { database.drop() }
        let articles = try sampleArticles()
        try database.createArticles(articles)
        // A view that stalls on one row in the middle of the read (the cursor fetches 10 rows at a time).
        let stall = articles.map(\.id).sorted()[25]
        try database.execute(
            """
            CREATE TABLE pause (seconds float8);
            INSERT INTO pause VALUES (1.5);
            CREATE VIEW stalling AS SELECT id, CASE WHEN id = '\(stall)'
                THEN title || left(pg_sleep((SELECT seconds FROM pause))::text, 0) ELSE title END AS title, body
                FROM articles;
            """)
        var reader = PostgreSQLArticleReader(address: try PostgreSQLAddress(database.address(query: "table=stalling")))
        reader.batchSize = 10

        // While the read stalls, a row is committed: the read does not see it.
        let running = Task.detached { try reader.read() }
        try await Task.sleep(for: .milliseconds(500))
        try database.execute(
            "INSERT INTO articles (id, title, body) VALUES ('zz-late', 'Late', 'Committed during the read')")
        let (read, _) = try await running.value
        #expect(read.map(\.id) == articles.map(\.id).sorted())

        // The stalled connection terminated by an administrator: the read fails as a temporary error.
        try database.execute("UPDATE pause SET seconds = 10")
        let killed = Task.detached { try reader.read() }
        try await Task.sleep(for: .milliseconds(700))
        let terminated = try database.rows(
            """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """)
        #expect(terminated == [["t"]])
        do {
            _ = try await killed.value
            Issue.record("a read whose connection was killed succeeded")
        } catch let error as DatabaseError {
            guard case .connectionLost = error else {
                Issue.record("expected a lost connection, got \(error)")
                return
            }
            #expect(error.isTemporary)
        }
    }

    @Test("related lists written to a table replace its rows in one transaction; a failed write leaves the old ones")
    func listWriter() throws {
        let database = try TestDatabase()
        defer { database.drop() }
        typealias Line = RelatedExport.Line
        let first = [
            Line(id: "a", related: [.init(id: "b", score: 0.5), .init(id: "c", score: 0.25)]),
            Line(id: "b", related: [.init(id: "a", score: 0.5)]),
        ]
        var writer = PostgreSQLListWriter(address: try PostgreSQLAddress(database.address(query: "table=lists")))
        writer.batchSize = 2
        #expect(try writer.write(first, generation: 7) == 3)
        #expect(
            try database.rows("SELECT article_id, rank, related_id, score, generation FROM lists ORDER BY 1, 2") == [
                ["a", "1", "b", "0.5", "7"], ["a", "2", "c", "0.25", "7"], ["b", "1", "a", "0.5", "7"],
            ])
        #expect(try writer.write([Line(id: "c", related: [.init(id: "a", score: 1)])], generation: 8) == 1)
        #expect(
            try database.rows("SELECT article_id, rank, related_id, generation FROM lists") == [["c", "1", "a", "8"]])

        // A row the table refuses (a rank repeated for one article) rolls the whole write back.
        let repeated = [
            Line(id: "x", related: [.init(id: "y", score: 1)]), Line(id: "x", related: [.init(id: "z", score: 1)]),
        ]
        #expect(throws: DatabaseError.self) { try writer.write(repeated, generation: 9) }
        #expect(try database.rows("SELECT article_id, generation FROM lists") == [["c", "8"]])
    }

    @Test("addresses: libpq's environment defaults, the password file, sockets, refused parameters, no password shown")
    func addresses() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let passfile = try dir.write(
            "pgpass",
            """
            # comment
            db.example:5432:other:editor:wrong
            db.example:*:news:editor:pa\\:ss
            *:*:*:*:fallback

            """)
        chmod(passfile, 0o600)
        let environment = ["PGPASSFILE": passfile, "PGUSER": "editor", "PGDATABASE": "news"]
        let address = try PostgreSQLAddress("postgresql://db.example:6543", environment: environment)
        #expect(address.user == "editor" && address.database == "news" && address.port == 6543)
        #expect(address.password == "pa:ss")
        #expect(address.description == "postgresql://editor@db.example:6543/news")
        #expect(address.tls == .prefer && address.statementTimeout == 600 && address.connectTimeout == 10)

        // The address's own password and PGPASSWORD come before the file; none of them is ever shown.
        let given = try PostgreSQLAddress("postgres://u:s%40cret@h/d?table=t&sslmode=require", environment: environment)
        #expect(given.password == "s@cret" && given.table == "t" && given.tls == .require)
        #expect(!given.description.contains("cret"))
        let fromEnvironment = try PostgreSQLAddress(
            "postgresql://h/d", environment: environment.merging(["PGPASSWORD": "env"]) { $1 })
        #expect(fromEnvironment.password == "env")

        // A password file others may read is ignored, as libpq ignores it.
        chmod(passfile, 0o644)
        #expect(try PostgreSQLAddress("postgresql://db.example/news", environment: environment).password == nil)

        let socket = try PostgreSQLAddress("postgresql://u@/d?host=/run/pg", environment: [:])
        #expect(socket.socketPath == "/run/pg/.s.PGSQL.5432")

        for bad in [
            "postgresql://u:secret@h/d?tabel=x", "postgresql://u:secret@h/d?sslmode=maybe",
            "postgresql://u:secret@h/d?statement_timeout=-1", "mysql://u:secret@h/d",
            "postgresql://u:secret@h:port/d", "postgresql://u:sec@ret@h/d?table=",
        ] {
            #expect(throws: DatabaseError.self) { try PostgreSQLAddress(bad, environment: [:]) }
            do { _ = try PostgreSQLAddress(bad, environment: [:]) } catch {
                #expect(!error.description.contains("secret"), "\(error)")
            }
        }
    }
}
