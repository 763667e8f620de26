import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RecommendCore
import RecommendServer
import Testing
import TestSupport

/// `GET /v1/topics` and `GET /v1/topics/{id}` answer as `recommend topics --json` and `recommend topic <id> --json`.
@Suite struct TopicRoutesTests {
    @Test("the topic list and one topic are the index's own answers; ?limit cuts the articles")
    func topics() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        let index = try RecommendIndex(path: path)
        let topics = try index.topics()
        let first = try #require(topics.first)
        try await testApplication(indexPath: path, pollInterval: nil).test(.router) { client in
            let list = try await client.execute(uri: "/v1/topics", method: .get)
            #expect(list.status == .ok)
            #expect(list.generation == 1)
            #expect(try list.json([TopicSummary].self) == topics.map { index.summary(of: $0) })

            let one = try await client.execute(uri: "/v1/topics/\(first.name)", method: .get)
            #expect(one.status == .ok)
            let body = try one.json(TopicResponse.self)
            #expect(body == index.response(for: first))
            #expect(body.articles.count == first.size)
            #expect(zip(body.articles, body.articles.dropFirst()).allSatisfy { $0.centrality >= $1.centrality })

            let byNumber = try await client.execute(uri: "/v1/topics/\(first.id)?limit=3", method: .get)
            #expect(try byNumber.json(TopicResponse.self) == index.response(for: first, limit: 3))
        }
    }

    @Test("an unknown topic is a 404 and a bad limit a 400")
    func unknownTopic() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        try await testApplication(indexPath: path, pollInterval: nil).test(.router) { client in
            let missing = try await client.execute(uri: "/v1/topics/t999", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.errorMessage == "no topic 't999' in the index (GET /v1/topics lists them)")
            let badLimit = try await client.execute(uri: "/v1/topics/t1?limit=0", method: .get)
            #expect(badLimit.status == .badRequest)
            #expect(badLimit.errorMessage == "limit '0': expected a whole number, 1 or more")
            // Topic ids are percent-decoded as article ids are.
            let encoded = try await client.execute(uri: "/v1/topics/%74%31", method: .get)
            let plain = try await client.execute(uri: "/v1/topics/t1", method: .get)
            #expect(encoded.status == .ok && String(buffer: encoded.body) == String(buffer: plain.body))
            let invalid = try await client.execute(uri: "/v1/topics/%C3%28", method: .get)
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorMessage == "the topic id '%C3%28' is not valid percent-encoded UTF-8")
        }
    }

    @Test("an index built without topics answers 409 on the topic routes and related lists without a topic")
    func indexWithoutTopics() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path, topics: false)
        try await testApplication(indexPath: path, pollInterval: nil).test(.router) { client in
            for uri in ["/v1/topics", "/v1/topics/t1"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .conflict)
                #expect(
                    response.errorMessage
                        == "the index being served has no topics: rebuild it with 'recommend index' to add them")
            }
            let related = try await client.execute(uri: "/v1/articles/a001/related", method: .get)
            #expect(related.status == .ok)
            let body = try related.json(RelatedResponse.self)
            #expect(body.topic == nil && !body.related.isEmpty)
        }
    }
}
