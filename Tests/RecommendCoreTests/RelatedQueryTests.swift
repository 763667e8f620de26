import Testing

@testable import RecommendCore

@Suite struct RelatedQueryTests {
    @Test("URL query parameters fill the same value the CLI flags do")
    func parameters() throws {
        let query = try RelatedQuery(parameters: [
            ("k", "5"), ("half_life", "30"), ("older_only", ""), ("within_days", "60"), ("category", "same"),
            ("exclude", "a1"), ("exclude", "a2"), ("from", "2026-03-01"), ("to", "2026-03-31"), ("mmr", "0.8"),
            ("explain", "true"), ("collapse", "false"), ("page", "2"),
        ])
        var expected = RelatedQuery()
        expected.limit = 5
        expected.halfLifeDays = 30
        expected.olderOnly = true
        expected.withinDays = 60
        expected.category = .same
        expected.excluded = ["a1", "a2"]
        expected.publishedFrom = RelatedQuery.dateBound("2026-03-01", endOfDay: false)
        expected.publishedTo = RelatedQuery.dateBound("2026-03-31T23:59:59Z", endOfDay: false)
        expected.diversityLambda = 0.8
        expected.explain = true
        expected.collapseDuplicates = false
        #expect(query == expected)
        #expect(try RelatedQuery(parameters: []) == RelatedQuery())
    }

    @Test(
        "a bad parameter is named with what was expected",
        arguments: [
            ("k", "ten", "a whole number"), ("k", "0", "at least 1"), ("half_life", "-3", "a positive number of days"),
            ("older_only", "maybe", "true or false"), ("category", "sport", "any, same or other"),
            ("from", "March", "an ISO 8601 date such as 2026-03-14"), ("mmr", "1.5", "a lambda in 0...1"),
            ("within_days", "nan", "a number"),
        ])
    func badParameter(_ name: String, _ value: String, _ expected: String) {
        #expect(throws: QueryError.self) { try RelatedQuery(parameters: [(name, value)]) }
        do {
            _ = try RelatedQuery(parameters: [(name, value)])
        } catch {
            guard case .invalidControl(let n, _, let e) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(n == name && e == expected)
        }
    }
}
