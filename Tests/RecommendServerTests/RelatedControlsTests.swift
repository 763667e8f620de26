import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RecommendCore
import RecommendServer
import Testing
import TestSupport

/// `GET /v1/articles/{id}/related` takes the query controls of `RelatedQuery` as query parameters.
@Suite struct RelatedControlsTests {
    static let indexPath: String = {
        let path = NSTemporaryDirectory() + "recommend-server-controls-\(UUID().uuidString).index"
        do {
            try TestIndex.write(to: path)
        } catch {
            fatalError("cannot build the test index: \(error)")
        }
        return path
    }()

    /// The related list of `id` as the service answers `parameters`.
    private func related(_ id: String, _ parameters: String = "") async throws -> RelatedResponse {
        try await testApplication(indexPath: Self.indexPath, pollInterval: nil).test(.router) { client in
            let response = try await client.execute(uri: "/v1/articles/\(id)/related?\(parameters)", method: .get)
            #expect(response.status == .ok, "\(response.errorMessage ?? "")")
            #expect(response.generation == 1)
            return try response.json(RelatedResponse.self)
        }
    }

    @Test("parameters give the same list as the ranker given the same RelatedQuery")
    func sameAsRanker() async throws {
        let index = try RecommendIndex(path: Self.indexPath)
        let ranker = try RelatedRanker(index: index, loadingVectors: true)
        var query = RelatedQuery()
        query.limit = 7
        query.halfLifeDays = 30
        query.diversityLambda = 0.7
        query.explain = true
        query.excluded = ["a114", "a146"]
        let i = try #require(try index.index(of: "a001"))
        let expected = try ranker.related(to: i, query)
        let answer = try await related("a001", "k=7&half_life=30&mmr=0.7&explain&exclude=a114&exclude=a146")
        #expect(answer == expected)
        #expect(answer.related.count == 7)
    }

    @Test("category=same keeps the article's category only, category=other leaves it out")
    func category() async throws {
        let index = try RecommendIndex(path: Self.indexPath)
        let i = try #require(try index.index(of: "a001"))
        let own = try #require(index.article(i).category)
        let same = try await related("a001", "category=same&k=20")
        #expect(!same.related.isEmpty)
        #expect(same.related.allSatisfy { $0.article.category == own })
        let other = try await related("a001", "category=other&k=20")
        #expect(!other.related.isEmpty)
        #expect(other.related.allSatisfy { $0.article.category != own })
    }

    @Test("explain=true gives each entry its explanation terms; without it there are none")
    func explain() async throws {
        let explained = try await related("a001", "explain=true&k=5")
        #expect(explained.related.count == 5)
        for entry in explained.related {
            let explanation = try #require(entry.explanation)
            #expect(!explanation.terms.isEmpty)
            #expect(explanation.terms.allSatisfy { !$0.term.isEmpty && $0.share >= 0 && $0.share <= 1 })
        }
        #expect(try await related("a001", "k=5").related.allSatisfy { $0.explanation == nil })
    }

    @Test("exclude (repeatable) removes those ids and the list closes up")
    func exclude() async throws {
        let plain = try await related("a001", "k=10").related.map(\.article.id)
        let excluded = Array(plain.prefix(2))
        let answer = try await related("a001", "k=10&exclude=\(excluded[0])&exclude=\(excluded[1])")
        let ids = answer.related.map(\.article.id)
        #expect(ids.count == 10)
        #expect(!ids.contains(excluded[0]) && !ids.contains(excluded[1]))
        #expect(Array(ids.prefix(8)) == Array(plain.dropFirst(2)))
    }

    @Test("older_only and from/to keep articles of those dates")
    func dates() async throws {
        let index = try RecommendIndex(path: Self.indexPath)
        let i = try #require(try index.index(of: "a146"))
        let published = try #require(index.article(i).published)
        let older = try await related("a146", "older_only=1&k=20")
        #expect(!older.related.isEmpty)
        #expect(older.related.allSatisfy { ($0.article.published ?? "9") < published })
        let march = try await related("a146", "from=2026-03-01&to=2026-03-31&k=20")
        #expect(!march.related.isEmpty)
        #expect(march.related.allSatisfy { ($0.article.published ?? "").hasPrefix("2026-03") })
    }

    @Test("near-duplicates are collapsed by default and listed apart with collapse=false")
    func collapse() async throws {
        // a024 and a025 are one story published twice; both are in a006's list.
        let collapsed = try await related("a006", "k=10")
        let ids = collapsed.related.map(\.article.id)
        #expect(ids.contains("a024") && !ids.contains("a025"))
        #expect(collapsed.related.first { $0.article.id == "a024" }?.alsoPublishedAs == ["a025"])
        let apart = try await related("a006", "k=10&collapse=false")
        #expect(apart.related.map(\.article.id).contains("a025"))
        #expect(apart.related.allSatisfy { $0.alsoPublishedAs == nil })
        // The query article's own near-duplicates are left out and named at the top level.
        let own = try await related("a024", "k=10")
        #expect(own.alsoPublishedAs == ["a025"])
        #expect(!own.related.map(\.article.id).contains("a025"))
    }

    @Test("the answer carries the article's topic")
    func topic() async throws {
        let index = try RecommendIndex(path: Self.indexPath)
        let i = try #require(try index.index(of: "a001"))
        let topic = try #require(index.topic(ofArticle: i))
        #expect(try await related("a001").topic == index.summary(of: topic))
    }

    /// Parameters and the message each must get.
    static let invalid: [(parameters: String, message: String)] = [
        ("category=nope", "category 'nope': expected any, same or other"),
        ("half_life=abc", "half_life 'abc': expected a number"),
        ("half_life=0", "half_life '0.0': expected a positive number of days"),
        ("within_days=-2", "within_days '-2.0': expected 0 or more days"),
        ("mmr=1.5", "mmr '1.5': expected a lambda in 0...1"),
        ("explain=maybe", "explain 'maybe': expected true or false"),
        ("collapse=nah", "collapse 'nah': expected true or false"),
        ("from=yesterday", "from 'yesterday': expected an ISO 8601 date such as 2026-03-14"),
        ("k=5&to=2026-13-45", "to '2026-13-45': expected an ISO 8601 date such as 2026-03-14"),
        (
            "from=2026-05-01&to=2026-04-01",
            "from '2026-05-01T00:00:00Z': expected a date on or before to (2026-04-01T23:59:59Z)"
        ),
    ]

    @Test("an invalid control value is a 400 naming the parameter and what it takes", arguments: invalid)
    func invalidControl(parameters: String, message: String) async throws {
        try await testApplication(indexPath: Self.indexPath, pollInterval: nil).test(.router) { client in
            let response = try await client.execute(uri: "/v1/articles/a001/related?\(parameters)", method: .get)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == message)
        }
    }
}
