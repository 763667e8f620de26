import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RecommendCore
import RecommendServer
import Testing
import TestSupport

/// The editors' console, driven in-process: pages, controls, editing with credentials, CSRF and version checks.
@Suite struct ConsoleTests {
    static let editors = try! EditorCredentials(text: "alice:alice-secret-1\nbob:bob-secret-22", source: "test")

    static func app(indexPath: String, editors: EditorCredentials? = ConsoleTests.editors) -> some ApplicationProtocol {
        buildApplication(
            ServerConfiguration(
                indexPath: indexPath, pollInterval: nil, logLevel: .critical, modelsDirectory: "/nonexistent-models",
                editors: editors))
    }

    /// A fresh index in its own folder, so the overrides file written beside it is the test's alone.
    static func freshIndex() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        return (directory, path)
    }

    /// The ids of the related entries on an article page, in order.
    static func listedIDs(_ html: String) -> [String] {
        guard let list = html.range(of: "<ol class=\"related\">"), let end = html.range(of: "</ol>", range: list.upperBound..<html.endIndex)
        else { return [] }
        let body = html[list.upperBound..<end.lowerBound]
        return body.components(separatedBy: "<p class=\"meta\">score ").dropFirst().compactMap {
            $0.split(separator: "·").dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    static func basic(_ user: String, _ secret: String) -> String {
        "Basic " + Data("\(user):\(secret)".utf8).base64EncodedString()
    }

    /// Loads the article page and returns its CSRF token (as the cookie set) and overrides version.
    static func formState(_ client: some TestClientProtocol, article: String) async throws -> (csrf: String, version: String) {
        let page = try await client.execute(uri: "/articles/\(article)", method: .get)
        let html = String(buffer: page.body)
        let cookie = try #require(page.headers[.setCookie])
        let csrf = try #require(field("csrf", in: html))
        #expect(cookie.hasPrefix("recommend_csrf=\(csrf);"))
        return (csrf, try #require(field("version", in: html)))
    }

    static func post(
        _ client: some TestClientProtocol, article: String, form: String, csrfCookie: String?, auth: String?
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let csrfCookie { headers[.cookie] = "recommend_csrf=\(csrfCookie)" }
        if let auth { headers[.authorization] = auth }
        return try await client.execute(
            uri: "/articles/\(article)/overrides", method: .post, headers: headers, body: ByteBuffer(string: form))
    }

    @Test("the article page shows the headline, the list as the JSON API serves it under the same controls, why-terms and the controls' values")
    func articlePage() async throws {
        try await Self.app(indexPath: RelatedControlsTests.indexPath).test(.router) { client in
            for controls in ["", "k=4", "k=6&category=same", "k=5&half_life=30", "k=5&mmr=0.5&within_days=60"] {
                let page = try await client.execute(uri: "/articles/a001?\(controls)", method: .get)
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: page.body)
                let api = try await client.execute(uri: "/v1/articles/a001/related?\(controls)", method: .get)
                let served = try api.json(RelatedResponse.self)
                #expect(html.contains("<h1>\(served.article!.title)</h1>"))
                #expect(Self.listedIDs(html) == served.related.map(\.article.id), "controls: \(controls)")
                #expect(html.contains("class=\"why\">Why: "))
            }
            // a001 is the oldest article: nothing is older.
            let older = String(buffer: try await client.execute(uri: "/articles/a001?older_only=true", method: .get).body)
            #expect(Self.listedIDs(older).isEmpty)
            #expect(older.contains("No related articles under these controls."))
            let html = String(buffer: try await client.execute(uri: "/articles/a001?k=4&half_life=30&category=same&older_only=true", method: .get).body)
            #expect(html.contains("name=\"k\" type=\"number\" min=\"1\" max=\"100\" value=\"4\""))
            #expect(html.contains("value=\"30\" placeholder=\"off\""))
            #expect(html.contains("<option value=\"same\" selected>"))
            #expect(html.contains("value=\"true\" checked"))
        }
    }

    @Test("a bad control gets a 400 page naming it; an unknown article a 404 page")
    func badControls() async throws {
        try await Self.app(indexPath: RelatedControlsTests.indexPath).test(.router) { client in
            let bad = try await client.execute(uri: "/articles/a001?mmr=7", method: .get)
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("mmr"))
            let missing = try await client.execute(uri: "/articles/nope", method: .get)
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains("no article"))
        }
    }

    @Test("search finds an article by words of its headline, and an exact id goes to its page")
    func search() async throws {
        try await Self.app(indexPath: RelatedControlsTests.indexPath).test(.router) { client in
            let byID = try await client.execute(uri: "/?q=a001", method: .get)
            #expect(byID.status == .seeOther)
            #expect(byID.headers[.location] == "/articles/a001")
            let title = TestIndex.articles[0].title
            let words = title.split(separator: " ").prefix(2).joined(separator: "+")
            let html = String(buffer: try await client.execute(uri: "/?q=\(words.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)", method: .get).body)
            #expect(html.contains("<a href=\"/articles/\(TestIndex.articles[0].id)\">"))
            let none = String(buffer: try await client.execute(uri: "/?q=zzzqqqxxx", method: .get).body)
            #expect(none.contains("<h2>0 found"))
        }
    }

    @Test("editing without credentials or with a wrong secret is refused with 401 and writes nothing")
    func editNeedsCredentials() async throws {
        let (directory, path) = try Self.freshIndex()
        defer { directory.remove() }
        try await Self.app(indexPath: path).test(.router) { client in
            let (csrf, version) = try await Self.formState(client, article: "a001")
            let form = "csrf=\(csrf)&version=\(version)&action=pin&article=a100&position=2"
            for auth in [nil, Self.basic("alice", "wrong-secret"), Self.basic("mallory", "alice-secret-1"), "Bearer nope-nope-nope"] {
                let response = try await Self.post(client, article: "a001", form: form, csrfCookie: csrf, auth: auth)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=") == true)
            }
            let forged = try await Self.post(client, article: "a001", form: form, csrfCookie: "0123456789abcdef0123456789abcdef", auth: Self.basic("alice", "alice-secret-1"))
            #expect(forged.status == .forbidden)
            let noCookie = try await Self.post(client, article: "a001", form: form, csrfCookie: nil, auth: Self.basic("alice", "alice-secret-1"))
            #expect(noCookie.status == .forbidden)
        }
        #expect(!FileManager.default.fileExists(atPath: RelatedOverrides.defaultPath(forIndex: path)))
        #expect(!FileManager.default.fileExists(atPath: RelatedOverrides.defaultPath(forIndex: path) + ".audit.jsonl"))
    }

    @Test("a pin saved from the form is written in the overrides format, logged with the editor's name and served at once")
    func pinIsSavedAndServed() async throws {
        let (directory, path) = try Self.freshIndex()
        defer { directory.remove() }
        let overridesPath = RelatedOverrides.defaultPath(forIndex: path)
        try await Self.app(indexPath: path).test(.router) { client in
            let before = try await client.execute(uri: "/v1/articles/a001/related?k=5", method: .get).json(RelatedResponse.self)
            let outsider = try #require(TestIndex.articles.map(\.id).first { id in id != "a001" && !before.related.contains { $0.article.id == id } })
            let (csrf, version) = try await Self.formState(client, article: "a001")
            let saved = try await Self.post(
                client, article: "a001", form: "csrf=\(csrf)&version=\(version)&action=pin&article=\(outsider)&position=2&return=k%3D5",
                csrfCookie: csrf, auth: Self.basic("alice", "alice-secret-1"))
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location]?.hasPrefix("/articles/a001?k=5&saved=alice%20pinned") == true)
            let after = try await client.execute(uri: "/v1/articles/a001/related?k=5", method: .get).json(RelatedResponse.self)
            #expect(after.related[1].article.id == outsider)
            #expect(after.related[1].pinned == true)
            let page = String(buffer: try await client.execute(uri: "/articles/a001?k=5&saved=x", method: .get).body)
            #expect(page.contains("<span class=\"badge\">pinned</span>"))
            #expect(page.contains("Pinned at 2: \(outsider)"))
            #expect(page.contains("role=\"status\""))
            // A second editor, with a bearer token, blocks an entry everywhere.
            let (_, version2) = try await Self.formState(client, article: "a001")
            #expect(version2 != version)
            let blocked = after.related[0].article.id
            let block = try await Self.post(
                client, article: "a001", form: "csrf=\(csrf)&version=\(version2)&action=block&scope=everywhere&article=\(blocked)",
                csrfCookie: csrf, auth: "Bearer bob-secret-22")
            #expect(block.status == .seeOther)
            let other = try await client.execute(uri: "/v1/articles/a001/related?k=10", method: .get).json(RelatedResponse.self)
            #expect(!other.related.contains { $0.article.id == blocked })
        }
        let rules = try RelatedOverrides.rules(json: Array(try Data(contentsOf: URL(fileURLWithPath: overridesPath))), path: overridesPath)
        #expect(rules.count == 2)
        guard case .pin(_, "a001", 2) = rules[0], case .block(_, nil) = rules[1] else {
            Issue.record("unexpected rules \(rules)")
            return
        }
        let previous = try RelatedOverrides.rules(json: Array(try Data(contentsOf: URL(fileURLWithPath: overridesPath + ".previous"))), path: "previous")
        #expect(previous == [rules[0]])
        let audit = try String(contentsOfFile: overridesPath + ".audit.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(audit.count == 2)
        let first = try JSONDecoder().decode([String: JSONValue].self, from: Data(audit[0].utf8))
        let second = try JSONDecoder().decode([String: JSONValue].self, from: Data(audit[1].utf8))
        #expect(first["user"] == .string("alice") && first["action"] == .string("pin") && first["previousVersion"] == .string("none"))
        #expect(second["user"] == .string("bob") && second["action"] == .string("block") && second["for"] == nil)
        #expect(first["version"] == second["previousVersion"])
    }

    @Test("two editors saving from pages of the same version: the second gets 409 and a reload message, the first change stays")
    func concurrentEditorsConflict() async throws {
        let (directory, path) = try Self.freshIndex()
        defer { directory.remove() }
        let overridesPath = RelatedOverrides.defaultPath(forIndex: path)
        try await Self.app(indexPath: path).test(.router) { client in
            let (csrf, version) = try await Self.formState(client, article: "a001")
            let first = try await Self.post(
                client, article: "a001", form: "csrf=\(csrf)&version=\(version)&action=block&article=a002",
                csrfCookie: csrf, auth: Self.basic("alice", "alice-secret-1"))
            #expect(first.status == .seeOther)
            let written = try Data(contentsOf: URL(fileURLWithPath: overridesPath))
            let second = try await Self.post(
                client, article: "a001", form: "csrf=\(csrf)&version=\(version)&action=block&article=a003",
                csrfCookie: csrf, auth: Self.basic("bob", "bob-secret-22"))
            #expect(second.status == .conflict)
            #expect(String(buffer: second.body).contains("reload the page"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: overridesPath)) == written)
            #expect(try String(contentsOfFile: overridesPath + ".audit.jsonl", encoding: .utf8).split(separator: "\n").count == 1)
        }
    }

    @Test("bad changes are refused with a message and nothing written", arguments: [
        "action=pin&article=nope&position=1", "action=pin&article=a002&position=0", "action=pin&article=a001",
        "action=unpin&article=a002", "action=explode&article=a002", "action=block&article=",
    ])
    func badChange(_ change: String) async throws {
        let (directory, path) = try Self.freshIndex()
        defer { directory.remove() }
        try await Self.app(indexPath: path).test(.router) { client in
            let (csrf, version) = try await Self.formState(client, article: "a001")
            let response = try await Self.post(
                client, article: "a001", form: "csrf=\(csrf)&version=\(version)&\(change)", csrfCookie: csrf,
                auth: Self.basic("alice", "alice-secret-1"))
            #expect(response.status == .badRequest)
        }
        #expect(!FileManager.default.fileExists(atPath: RelatedOverrides.defaultPath(forIndex: path)))
    }

    @Test("without editor credentials the page says editing is off and a post is refused")
    func editingOff() async throws {
        let (directory, path) = try Self.freshIndex()
        defer { directory.remove() }
        try await Self.app(indexPath: path, editors: nil).test(.router) { client in
            let page = String(buffer: try await client.execute(uri: "/articles/a001", method: .get).body)
            #expect(page.contains("Editing is off"))
            #expect(!page.contains("Block everywhere"))
            let response = try await Self.post(
                client, article: "a001", form: "action=block&article=a002", csrfCookie: nil, auth: Self.basic("alice", "alice-secret-1"))
            #expect(response.status == .forbidden)
        }
        #expect(!FileManager.default.fileExists(atPath: RelatedOverrides.defaultPath(forIndex: path)))
    }

    @Test("binding beyond loopback needs editor credentials")
    func exposure() throws {
        #expect(throws: ServerConfigurationError.exposedWithoutCredentials(host: "0.0.0.0")) {
            try ServerConfiguration(host: "0.0.0.0").validate()
        }
        try ServerConfiguration(host: "127.0.0.1").validate()
        try ServerConfiguration(host: "::1").validate()
        try ServerConfiguration(host: "0.0.0.0", editors: Self.editors).validate()
    }

    @Test("an editor list with a bad entry is refused naming it", arguments: [
        ("alice", 1), ("alice:short", 1), (":nobody-secret", 1), ("# editors\nalice:alice-secret-1\nalice:again-secret", 3), ("", 0),
    ])
    func badCredentials(_ text: String, entry: Int) {
        #expect {
            try EditorCredentials(text: text, source: "editors.txt")
        } throws: { error in
            guard case .badCredentials("editors.txt", entry, _)? = error as? ServerConfigurationError else { return false }
            return true
        }
    }

    @Test("the draft preview lists what the text search of the API returns")
    func draftPreview() async throws {
        try await Self.app(indexPath: RelatedControlsTests.indexPath).test(.router) { client in
            let article = TestIndex.articles[3]
            let form = "title=\(article.title.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&body=\(article.body.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&k=5"
            let page = try await client.execute(
                uri: "/draft", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form))
            #expect(page.status == .ok)
            let text = try await client.execute(
                uri: "/v1/related", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"title\": \(try JSONCoding.line(article.title)), \"body\": \(try JSONCoding.line(article.body)), \"k\": 5}"))
            let served = try text.json(RelatedResponse.self)
            #expect(Self.listedIDs(String(buffer: page.body)) == served.related.map(\.article.id))
            #expect(served.related.count == 5)
        }
    }

    @Test("today's topics count the newest articles per topic; the map draws one linked disc per topic")
    func topicsAndMap() async throws {
        try await Self.app(indexPath: RelatedControlsTests.indexPath).test(.router) { client in
            let index = try RecommendIndex(path: RelatedControlsTests.indexPath)
            let all = String(buffer: try await client.execute(uri: "/topics?days=100000", method: .get).body)
            #expect(all.contains("\(index.count) articles published from"))
            let topics = try index.topics()
            for topic in topics { #expect(all.contains("<a href=\"/topics/\(topic.name)\">")) }
            let map = String(buffer: try await client.execute(uri: "/topic-map?days=100000", method: .get).body)
            #expect(map.components(separatedBy: "<circle ").count - 1 == topics.count)
            for topic in topics { #expect(map.contains("<a href=\"/topics/\(topic.name)\"><title>")) }
            let one = try await client.execute(uri: "/topics/\(topics[0].name)", method: .get)
            #expect(one.status == .ok)
            #expect(String(buffer: one.body).components(separatedBy: "<li><a href=\"/articles/").count - 1 == topics[0].size)
            for days in ["-1", "0", "nan", "2.9e16", "inf"] {
                #expect(try await client.execute(uri: "/topics?days=\(days)", method: .get).status == .badRequest)
                #expect(try await client.execute(uri: "/topic-map?days=\(days)", method: .get).status == .badRequest)
            }
        }
    }

    @Test("the reader's block lists the served list's headlines, with a site's own template when given")
    func readerBlock() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let template = try directory.write("block.mustache", "<ul>{{#items}}<li data-id=\"{{id}}\">{{title}}</li>{{/items}}</ul>")
        try await Self.app(indexPath: RelatedControlsTests.indexPath).test(.router) { client in
            let served = try await client.execute(uri: "/v1/articles/a001/related?k=3", method: .get).json(RelatedResponse.self)
            let block = try await client.execute(uri: "/v1/articles/a001/related.html?k=3", method: .get)
            #expect(block.headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: block.body)
            for entry in served.related { #expect(html.contains(">\(entry.article.title)</a>")) }
        }
        let app = buildApplication(
            ServerConfiguration(
                indexPath: RelatedControlsTests.indexPath, pollInterval: nil, logLevel: .critical,
                modelsDirectory: "/nonexistent-models", readerTemplate: template))
        try await app.test(.router) { client in
            let html = String(buffer: try await client.execute(uri: "/v1/articles/a001/related.html?k=2", method: .get).body)
            #expect(html.hasPrefix("<ul><li data-id=\""))
            #expect(html.components(separatedBy: "<li ").count - 1 == 2)
        }
        #expect(throws: ServerConfigurationError.self) {
            try ServerConfiguration(readerTemplate: directory.file("missing.mustache")).validate()
        }
    }

    @Test(
        "GET answers carry an entity tag and Cache-Control; If-None-Match with it gets 304 and no body",
        arguments: ["/v1/articles/a001/related?k=3", "/v1/articles/a001/related.html?k=3", "/v1/articles/a001", "/v1/topics"])
    func conditionalGet(_ uri: String) async throws {
        try await Self.app(indexPath: RelatedControlsTests.indexPath).test(.router) { client in
            let first = try await client.execute(uri: uri, method: .get)
            let tag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "public, max-age=60")
            let again = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == tag)
            let other = try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: "\"g0-onone\""])
            #expect(other.status == .ok)
            #expect(other.body.readableBytes > 0)
        }
    }

    @Test("an editor's change gives the API's answers a new entity tag at once")
    func entityTagFollowsOverrides() async throws {
        let (directory, path) = try Self.freshIndex()
        defer { directory.remove() }
        try await Self.app(indexPath: path).test(.router) { client in
            let before = try #require(try await client.execute(uri: "/v1/articles/a001/related", method: .get).headers[.eTag])
            let (csrf, version) = try await Self.formState(client, article: "a001")
            let saved = try await Self.post(
                client, article: "a001", form: "csrf=\(csrf)&version=\(version)&action=block&article=a002",
                csrfCookie: csrf, auth: Self.basic("alice", "alice-secret-1"))
            #expect(saved.status == .seeOther)
            let after = try await client.execute(uri: "/v1/articles/a001/related", method: .get, headers: [.ifNoneMatch: before])
            #expect(after.status == .ok)
            #expect(after.headers[.eTag] != before)
            #expect(after.headers[.eTag] == "\"g1-o\(OverridesStore.version(of: Array(try Data(contentsOf: URL(fileURLWithPath: RelatedOverrides.defaultPath(forIndex: path))))))\"")
        }
    }
}
