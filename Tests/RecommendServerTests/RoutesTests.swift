import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RecommendCore
import RecommendServer
import Testing
import TestSupport

@Suite struct RoutesTests {
    @Test("healthz answers while no index is loaded, readyz answers 503 until one is")
    func healthAndReadinessWithoutIndex() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let app = testApplication(indexPath: directory.file("missing.index"), pollInterval: nil)
        try await app.test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(try health.json([String: String].self) == ["status": "ok"])
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.errorMessage?.contains("no index is loaded") == true)
            let related = try await client.execute(uri: "/v1/articles/a001/related", method: .get)
            #expect(related.status == .serviceUnavailable)
        }
    }

    @Test(
        "HEAD answers every GET route with its status and headers and no body",
        arguments: ["/healthz", "/readyz", "/metrics", "/v1/articles/a001", "/v1/articles/a001/related?k=3",
            "/v1/topics", "/v1/articles/nope"])
    func head(_ uri: String) async throws {
        try await testApplication(indexPath: RelatedControlsTests.indexPath, pollInterval: nil).test(.router) { client in
            let get = try await client.execute(uri: uri, method: .get)
            let head = try await client.execute(uri: uri, method: .head)
            #expect(head.status == get.status)
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(head.body.readableBytes == 0)
        }
    }

    @Test("readyz names the generation, size and load time of the index")
    func readiness() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path, generation: 7)
        try await testApplication(indexPath: path).test(.router) { client in
            let response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .ok)
            let body = try response.json([String: JSONValue].self)
            #expect(body["status"] == .string("ready"))
            #expect(body["generation"] == .number(7))
            #expect(body["articles"] == .number(Double(TestIndex.articles.count)))
            #expect(body["loadedAt"] != nil && body["loadSeconds"] != nil && body["fileModifiedAt"] != nil)
        }
    }

    @Test("GET related returns the ranker's list (near-duplicates collapsed), best first, with the topic")
    func relatedToArticle() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        let index = try RecommendIndex(path: path)
        let i = try #require(try index.index(of: "a001"))
        var query = RelatedQuery()
        query.limit = 5
        let expected = try RelatedRanker(index: index, loadingVectors: false).related(to: i, query)
        #expect(expected.topic != nil)
        try await testApplication(indexPath: path).test(.router) { client in
            let response = try await client.execute(uri: "/v1/articles/a001/related?k=5", method: .get)
            #expect(response.status == .ok)
            #expect(response.generation == 1)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let body = try response.json(RelatedResponse.self)
            #expect(body == expected)
            #expect(body.related.map(\.rank) == [1, 2, 3, 4, 5])
            #expect(zip(body.related, body.related.dropFirst()).allSatisfy { $0.score >= $1.score })

            let byDefault = try await client.execute(uri: "/v1/articles/a001/related", method: .get)
            #expect(try byDefault.json(RelatedResponse.self).related.count == 10)
        }
    }

    @Test("a k beyond the stored lists is answered with what is stored, and the header says so")
    func relatedBeyondStoredList() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path, neighbours: 5)
        try await testApplication(indexPath: path).test(.router) { client in
            let response = try await client.execute(uri: "/v1/articles/a001/related?k=8", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json(RelatedResponse.self).related.count == 5)
            #expect(
                response.headers[HTTPField.Name("X-Related-Truncated")!]
                    == "asked for 8, the index stores 5 per article")
            let within = try await client.execute(uri: "/v1/articles/a001/related?k=5", method: .get)
            #expect(within.headers[HTTPField.Name("X-Related-Truncated")!] == nil)
        }
    }

    @Test("GET article returns its summary; ids are percent-decoded; an unknown id is a 404 naming it")
    func article() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        let index = try RecommendIndex(path: path)
        try await testApplication(indexPath: path).test(.router) { client in
            let response = try await client.execute(uri: "/v1/articles/a002", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json(ArticleSummary.self) == index.article(try #require(try index.index(of: "a002"))))
            let encoded = try await client.execute(uri: "/v1/articles/%61%30%30%32", method: .get)
            #expect(try encoded.json(ArticleSummary.self).id == "a002")
            let invalid = try await client.execute(uri: "/v1/articles/%C3%28/related", method: .get)
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorMessage == "the article id '%C3%28' is not valid percent-encoded UTF-8")
            for uri in ["/v1/articles/nope", "/v1/articles/nope/related"] {
                let missing = try await client.execute(uri: uri, method: .get)
                #expect(missing.status == .notFound)
                #expect(missing.errorMessage == "no article with id 'nope' in the index")
            }
        }
    }

    @Test("POST related ranks indexed articles for unseen text; an article's own text finds it first")
    func relatedToText() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        let source = TestIndex.articles[3]
        let query = try JSONEncoder().encode(["title": source.title, "body": source.body])
        try await testApplication(indexPath: path).test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/related", method: .post, body: ByteBuffer(bytes: query))
            #expect(response.status == .ok)
            #expect(response.generation == 1)
            let body = try response.json(RelatedResponse.self)
            #expect(body.article == nil)
            #expect(body.related.count == 10)
            #expect(body.related.first?.article.id == source.id)

            let three = try await client.execute(
                uri: "/v1/related", method: .post, body: ByteBuffer(string: #"{"title": "election results", "k": 3}"#))
            #expect(try three.json(RelatedResponse.self).related.count == 3)
        }
    }

    @Test("an index with an embedding channel is served with its model; without the model it is not loaded")
    func embeddingChannel() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        let models = directory.file("models")
        try TestEmbeddingModel.write(to: models, texts: TestIndex.articles.flatMap { [$0.title, $0.body] })
        let embedder = try ArticleEmbedder(name: TestEmbeddingModel.name, in: models, leadWords: 200)
        try IndexWriter.write(
            try IndexBuilder(embedder: .success(embedder)).build(articles: TestIndex.articles).contents, to: path)
        let draft = #"{"title": "Dockers walk out at the port", "body": "Automation plans anger the union.", "k": 5}"#
        let expected = try TextSearcher(index: try RecommendIndex(path: path), embedder: embedder)
            .related(title: "Dockers walk out at the port", body: "Automation plans anger the union.", k: 5)
        try await testApplication(indexPath: path, pollInterval: nil, modelsDirectory: models).test(.router) { client in
            let response = try await client.execute(uri: "/v1/related", method: .post, body: ByteBuffer(string: draft))
            #expect(response.status == .ok)
            let body = try response.json(RelatedResponse.self)
            #expect(body.related.map(\.article.id) == expected.map(\.article.id))
        }
        try await testApplication(indexPath: path, pollInterval: nil).test(.router) { client in
            // Answering texts without the model would drop a part of every score: the index is refused (the log
            // names the model; EmbeddingChannelTests checks that message).
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
        }
    }

    @Test("POST related collapses near-duplicates as an article's list does")
    func relatedToTextCollapses() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        let source = try #require(TestIndex.articles.first { $0.id == "a067" })
        let query = try JSONEncoder().encode(["title": source.title, "body": source.body])
        try await testApplication(indexPath: path).test(.router) { client in
            let response = try await client.execute(uri: "/v1/related", method: .post, body: ByteBuffer(bytes: query))
            let related = try response.json(RelatedResponse.self).related
            #expect(related.first?.article.id == "a067" && related.first?.alsoPublishedAs == ["a066"])
            #expect(!related.contains { $0.article.id == "a066" })
        }
    }

    @Test("metrics count requests per route and report the index")
    func metrics() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path, generation: 3)
        try await testApplication(indexPath: path).test(.router) { client in
            for _ in 0..<3 { try await client.execute(uri: "/v1/articles/a001/related", method: .get) }
            try await client.execute(uri: "/v1/articles/zzz/related", method: .get)
            try await client.execute(uri: "/nowhere", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let lines = String(buffer: response.body).split(separator: "\n").map(String.init)
            let route = "/v1/articles/{id}/related"
            #expect(lines.contains(#"http_requests_total{route="\#(route)",method="GET",status="200"} 3"#))
            #expect(lines.contains(#"http_requests_total{route="\#(route)",method="GET",status="404"} 1"#))
            #expect(lines.contains(#"http_requests_total{route="NotFound",method="GET",status="404"} 1"#))
            #expect(
                lines.contains {
                    $0.hasPrefix(#"http_request_duration_seconds_bucket{route="\#(route)",method="GET",le="#)
                })
            #expect(lines.contains(#"http_request_duration_seconds_count{route="\#(route)",method="GET"} 4"#))
            #expect(lines.contains("recommend_index_generation 3.0"))
            #expect(lines.contains("recommend_index_articles \(TestIndex.articles.count).0"))
            #expect(lines.contains("recommend_index_reloads_total 0"))
            #expect(lines.contains("recommend_index_reload_failures_total 0"))
        }
    }
}

/// Enough of JSON to check fields of mixed types.
enum JSONValue: Decodable, Equatable {
    case string(String)
    case number(Double)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            self = .other
        }
    }
}
