import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RecommendCore
import RecommendServer
import Testing
import TestSupport

@Suite struct TopicFallbackTests {
    @Test("fallback=topic fills a list that exclusions left short with the article's topic, newest first, marked")
    func fillsFromTopic() async throws {
        // An index storing 5 related articles each, so that a topic has members beyond an article's stored list.
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path, neighbours: 5)
        let index = try RecommendIndex(path: path)
        let i = try #require(try index.index(of: "a001"))
        let topic = try #require(index.topic(ofArticle: i))
        try await testApplication(indexPath: path, pollInterval: nil).test(.router) { client in
            let stored = try await client.execute(uri: "/v1/articles/a001/related?k=5&collapse=false", method: .get)
                .json(RelatedResponse.self).related.map(\.article.id)
            let excluded = stored.map { "exclude=\($0)" }.joined(separator: "&")
            let short = try await client.execute(uri: "/v1/articles/a001/related?k=5&\(excluded)", method: .get)
                .json(RelatedResponse.self)
            #expect(short.related.isEmpty)
            let filled = try await client.execute(
                uri: "/v1/articles/a001/related?k=5&fallback=topic&\(excluded)", method: .get
            ).json(RelatedResponse.self)
            // The oracle: every member of the topic but the article, its near-duplicates and the excluded ids,
            // newest first.
            let expected = index.articles(inTopic: topic.id).map(\.index)
                .filter { $0 != i && index.duplicateGroup(of: $0) != index.duplicateGroup(of: i) && !stored.contains(index.id($0)) }
                .map { index.article($0) }
                .sorted { ($0.published ?? "", $1.id) > ($1.published ?? "", $0.id) }
                .prefix(5).map(\.id)
            #expect(!expected.isEmpty)
            #expect(filled.related.map(\.article.id) == Array(expected))
            #expect(filled.related.allSatisfy { $0.fallback == true })
            let page = String(buffer: try await client.execute(uri: "/articles/a001?fallback=topic&\(excluded)", method: .get).body)
            #expect(page.contains("<span class=\"badge\">from topic</span>"))
            let bad = try await client.execute(uri: "/v1/articles/a001/related?fallback=maybe", method: .get)
            #expect(bad.status == .badRequest)
        }
    }
}
