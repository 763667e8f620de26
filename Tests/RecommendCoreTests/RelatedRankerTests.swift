import Foundation
import Testing

@testable import RecommendCore
import TestSupport

/// Query-time controls on the sample corpus's index.
@Suite struct RelatedRankerTests {
    /// One index of the sample for the whole suite (building it per test is slow in a debug build).
    static let fixture = Result { () throws -> (TemporaryDirectory, RecommendIndex) in
        let dir = try TemporaryDirectory()
        let path = dir.path + "/sample.index"
        try IndexWriter.write(try IndexBuilder().build(articles: try sampleArticles()).contents, to: path)
        return (dir, try RecommendIndex(path: path))
    }

    let dir: TemporaryDirectory
    let index: RecommendIndex
    let ranker: RelatedRanker

    init() throws {
        (dir, index) = try Self.fixture.get()
        ranker = try RelatedRanker(index: index, loadingVectors: true)
    }

    func related(_ id: String, _ configure: (inout RelatedQuery) -> Void = { _ in }) throws -> RelatedResponse {
        var query = RelatedQuery()
        configure(&query)
        return try ranker.related(to: try #require(try index.index(of: id)), query)
    }

    func date(_ summary: ArticleSummary) -> Int64 { ISO8601Date.parse(summary.published!)! }

    @Test("without controls beyond collapse, the list is the stored list minus the query's own re-publication")
    func plain() throws {
        let stored = try index.related(to: try index.index(of: "a067")!, limit: 12).map(\.article.id)
        let response = try related("a067") { $0.collapseDuplicates = false }
        #expect(response.related.map(\.article.id) == Array(stored.prefix(10)))
        let collapsed = try related("a067")
        #expect(collapsed.alsoPublishedAs == ["a066"])
        #expect(collapsed.related.map(\.article.id) == Array(stored.filter { $0 != "a066" }.prefix(10)))
    }

    @Test("a collapsed list shows one article per group and names the others")
    func collapse() throws {
        // a056 (port strike) lists both a066 and a067, which are one text.
        let plain = try related("a056") { $0.collapseDuplicates = false }.related.map(\.article.id)
        #expect(plain.contains("a066") && plain.contains("a067"))
        let collapsed = try related("a056").related
        let shown = collapsed.filter { ["a066", "a067"].contains($0.article.id) }
        #expect(shown.count == 1)
        #expect(shown[0].alsoPublishedAs == [shown[0].article.id == "a066" ? "a067" : "a066"])
        #expect(collapsed.count == 10)
    }

    @Test("recency decay multiplies each score by 0.5^(days apart / half-life) and re-sorts")
    func halfLife() throws {
        let plain = try related("a067") { $0.limit = 50 }.related
        let decayed = try related("a067") {
            $0.limit = 50
            $0.halfLifeDays = 14
        }.related
        let queryDate = date(index.article(try index.index(of: "a067")!))
        let similarity = Dictionary(uniqueKeysWithValues: plain.map { ($0.article.id, $0.score) })
        for entry in decayed {
            let days = Double(abs(date(entry.article) - queryDate)) / 86_400
            #expect(abs(entry.score - similarity[entry.article.id]! * Float(pow(0.5, days / 14))) < 1e-5)
        }
        #expect(decayed.map(\.score) == decayed.map(\.score).sorted(by: >))
        #expect(Set(decayed.map(\.article.id)) == Set(plain.map(\.article.id)))
    }

    @Test("date windows: older only, within N days, from/to")
    func windows() throws {
        let queryDate = date(index.article(try index.index(of: "a103")!))
        let older = try related("a103") { $0.olderOnly = true }.related
        #expect(!older.isEmpty && older.allSatisfy { date($0.article) < queryDate })
        let near = try related("a103") { $0.withinDays = 10 }.related
        #expect(!near.isEmpty && near.allSatisfy { abs(date($0.article) - queryDate) <= 10 * 86_400 })
        let from = RelatedQuery.dateBound("2026-03-01", endOfDay: false)!
        let to = RelatedQuery.dateBound("2026-03-31", endOfDay: true)!
        #expect(to == RelatedQuery.dateBound("2026-03-31T23:59:59Z", endOfDay: true))
        let march = try related("a103") {
            $0.publishedFrom = from
            $0.publishedTo = to
        }.related
        #expect(!march.isEmpty && march.allSatisfy { (from...to).contains(date($0.article)) })
    }

    @Test("category filters and excluded ids")
    func filters() throws {
        let category = index.article(try index.index(of: "a067")!).category
        let same = try related("a067") { $0.category = .same }.related
        #expect(!same.isEmpty && same.allSatisfy { $0.article.category == category })
        let other = try related("a067") { $0.category = .other }.related
        #expect(!other.isEmpty && other.allSatisfy { $0.article.category != category })
        let first = try related("a067").related[0].article.id
        let excluded = try related("a067") { $0.excluded = [ArticleID(first)] }.related
        #expect(!excluded.contains { $0.article.id == first })
        #expect(excluded.count == 10)
    }

    @Test("MMR: lambda 1 is plain ranking; a lower lambda keeps the best first and lowers redundancy")
    func diversity() throws {
        let plain = try related("a024") { $0.collapseDuplicates = false }.related
        let one = try related("a024") {
            $0.collapseDuplicates = false
            $0.diversityLambda = 1
        }.related
        #expect(one.map(\.article.id) == plain.map(\.article.id))
        let varied = try related("a024") {
            $0.collapseDuplicates = false
            $0.diversityLambda = 0.5
        }.related
        #expect(varied[0].article.id == plain[0].article.id)
        #expect(varied.map(\.article.id) != plain.map(\.article.id))
        let scorer = try #require(ranker.scorer)
        func redundancy(_ list: [RelatedArticle]) throws -> Float {
            let ids = try list.map { try index.index(of: $0.article.id)! }
            var total: Float = 0
            for a in ids { for b in ids where a < b { total += scorer.score(a, b) } }
            return total
        }
        #expect(try redundancy(varied) < redundancy(plain))
    }

    @Test("explanations: display forms whose contributions sum to the pair score")
    func explanations() throws {
        let response = try related("a067") { $0.explain = true }
        for entry in response.related {
            let explanation = try #require(entry.explanation)
            #expect(abs(explanation.similarity - entry.score) < 1e-4)
            #expect(explanation.terms.count == 5)
            #expect(explanation.terms.map(\.share) == explanation.terms.map(\.share).sorted(by: >))
            #expect(explanation.terms.allSatisfy { abs($0.share - $0.contribution / explanation.similarity) < 1e-5 })
        }
        let terms = response.related[0].explanation!.terms.map(\.term)
        #expect(terms.contains("Santos") || terms.contains("santos"))
        // Stems are never shown: "automation" is indexed as "autom".
        #expect(!response.related.flatMap { $0.explanation!.terms.map(\.term) }.contains("autom"))
        let plain = try JSONCoding.line(try related("a067"))
        #expect(!plain.contains("explanation") && !plain.contains("pinned"))
    }

    @Test("a list longer than the stored one, or vectors not loaded, is refused")
    func refusals() throws {
        #expect(throws: QueryError.beyondStoredList(requested: 51, stored: 50)) {
            try related("a067") { $0.limit = 51 }
        }
        let light = try RelatedRanker(index: index, loadingVectors: false)
        var query = RelatedQuery()
        query.explain = true
        #expect(throws: QueryError.vectorsNotLoaded) { try light.related(to: 0, query) }
    }

    @Test("pins place an article, blocks remove it for one list or everywhere, a block beats a pin")
    func overrides() throws {
        let rules = """
            [
              {"pin": "a001", "for": "a067", "position": 2},
              {"pin": "a172", "for": "a067"},
              {"block": "a056", "for": "a067"},
              {"block": "a072"},
              {"pin": "a095", "for": "a067", "position": 3},
              {"block": "a095", "for": "a067"},
              {"block": "a999"}
            ]
            """
        let overrides = try RelatedOverrides(json: Array(rules.utf8), path: "o.json", index: index)
        #expect(overrides.warnings == ["o.json:8: overrides entry 7: no article 'a999' in the index; rule ignored"])
        let edited = try RelatedRanker(index: index, overrides: overrides, loadingVectors: false)
        var query = RelatedQuery()
        query.limit = 5
        let list = try edited.related(to: try index.index(of: "a067")!, query).related
        #expect(list.count == 5)
        #expect(list[0].article.id == "a172" && list[0].pinned == true)
        #expect(list[1].article.id == "a001" && list[1].pinned == true && list[1].score == 0)
        #expect(!list.contains { ["a056", "a072", "a095"].contains($0.article.id) })
        let elsewhere = try edited.related(to: try index.index(of: "a095")!, RelatedQuery()).related
        #expect(!elsewhere.contains { $0.article.id == "a072" })
        #expect(elsewhere.contains { $0.article.id == "a056" })
        // A reader's exclusion beats a pin too; a pinned article from the stored list keeps its stored score.
        query.excluded = ["a172"]
        let excluded = try edited.related(to: try index.index(of: "a067")!, query).related
        #expect(excluded[1].article.id == "a001" && !excluded.contains { $0.article.id == "a172" })
        let stored = try index.related(to: try index.index(of: "a067")!, limit: 50).first { $0.article.id == "a172" }
        #expect(list[0].score == stored?.score)
    }

    @Test(
        "a bad overrides file is refused naming the line and entry",
        arguments: [
            ("[\n {\"block\": \"a1\"},\n {\"pin\": \"a2\"}\n]", 2, 3, "a pin needs \"for\""),
            ("[{\"block\": \"a1\"},\n{\"block\": \"a2\", \"fro\": \"a3\"}]", 2, 2, "unknown key 'fro'"),
            ("[\n{\"pin\": \"a1\", \"for\": \"a2\", \"position\": 0}]", 1, 2, "position must be 1 or more"),
            ("[\n{\"pin\": \"a1\", \"block\": \"a2\"}]", 1, 2, "either a pin or a block"),
            ("[\n{}]", 1, 2, "expected \"pin\" or \"block\""),
            ("[\n{\"block\": 7}]", 1, 2, "'block' must be a string"),
            ("[{\"block\": \"a1\"},\n 7]", 2, 2, "expected an object with \"pin\" or \"block\""),
        ])
    func badOverrides(_ text: String, _ entry: Int, _ line: Int, _ message: String) throws {
        do {
            _ = try RelatedOverrides(json: Array(text.utf8), path: "o.json", index: index)
            Issue.record("accepted \(text)")
        } catch .badEntry(let path, let e, let l, let detail) {
            #expect(path == "o.json" && e == entry && l == line)
            #expect(detail.contains(message), "\(detail)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("an overrides file that is not a JSON array is refused whole")
    func malformedOverrides() throws {
        for text in ["{\"pin\": \"a1\"}", "[{\"block\": \"a1\"", ""] {
            #expect(throws: OverridesError.self) {
                try RelatedOverrides(json: Array(text.utf8), path: "o.json", index: index)
            }
        }
        #expect(throws: OverridesError.self) { try RelatedOverrides(path: dir.path + "/none.json", index: index) }
    }
}
