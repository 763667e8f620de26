import ArgumentParser
import Foundation
import RecommendCore

/// The query-time controls shared by `related` and `eval`, mapped one to one onto `RelatedQuery`.
struct RelatedOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Recency: multiply scores by 0.5^(days apart / DAYS).", valueName: "days"))
    var halfLife: Double?

    @Flag(help: "Only articles published before the article (a list that never changes).")
    var olderOnly = false

    @Option(help: ArgumentHelp("Only articles published at most N days before or after.", valueName: "n"))
    var withinDays: Double?

    @Flag(help: "Only articles of the article's category.")
    var sameCategory = false

    @Flag(help: "Only articles of other categories.")
    var otherCategory = false

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Never show this id (repeatable).", valueName: "id"))
    var excluded: [String] = []

    @Option(help: ArgumentHelp("Only articles published on or after DATE (ISO 8601).", valueName: "date"))
    var from: String?

    @Option(
        help: ArgumentHelp("Only articles published on or before DATE (a bare date: to its end).", valueName: "date"))
    var to: String?

    @Option(
        help: ArgumentHelp(
            "Diversity: maximal marginal relevance with this lambda (1 = off, lower = more varied).",
            valueName: "lambda"))
    var mmr: Double?

    @Flag(help: "Show the terms that contributed most to each score.")
    var explain = false

    @Flag(name: .customLong("no-collapse"), help: "Show near-duplicates (re-publications) separately.")
    var noCollapse = false

    @Option(
        help: ArgumentHelp(
            "Editorial pins and blocks (default: <index>.overrides.json if it exists).", valueName: "file"))
    var overrides: String?

    func validate() throws {
        if sameCategory && otherCategory {
            throw ValidationError("--same-category and --other-category exclude each other")
        }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, RelatedQuery.dateBound(value, endOfDay: false) == nil {
                throw ValidationError("\(name) '\(value)' is not an ISO 8601 date (e.g. 2026-03-14)")
            }
        }
        if case .invalidControl(let name, let value, let expected)? = invalidControl {
            throw ValidationError("--\(name.replacing("_", with: "-")) \(value): expected \(expected)")
        }
    }

    /// What `RelatedQuery.validate()` refuses in these flags, if anything.
    private var invalidControl: QueryError? {
        do {
            try query(limit: 1).validate()
            return nil
        } catch {
            return error
        }
    }

    /// The query these flags ask for, `limit` long.
    func query(limit: Int) -> RelatedQuery {
        var query = RelatedQuery()
        query.limit = limit
        query.halfLifeDays = halfLife
        query.olderOnly = olderOnly
        query.withinDays = withinDays
        query.category = sameCategory ? .same : otherCategory ? .other : .any
        query.excluded = Set(excluded)
        query.publishedFrom = from.flatMap { RelatedQuery.dateBound($0, endOfDay: false) }
        query.publishedTo = to.flatMap { RelatedQuery.dateBound($0, endOfDay: true) }
        query.diversityLambda = mmr
        query.explain = explain
        query.collapseDuplicates = !noCollapse
        return query
    }

    /// A ranker over `index` with the overrides file named, or the default one beside the index if it
    /// exists; warnings about rules naming unknown ids go to standard error.
    func ranker(_ index: RecommendIndex, query: RelatedQuery) throws -> RelatedRanker {
        let defaultPath = RelatedOverrides.defaultPath(forIndex: index.path)
        let path = overrides ?? (FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil)
        let rules = try path.map { try RelatedOverrides(path: $0, index: index) } ?? .none
        for warning in rules.warnings { Console.printWarning(warning) }
        return try RelatedRanker(index: index, overrides: rules, loadingVectors: query.needsVectors)
    }
}
