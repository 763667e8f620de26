import ArgumentParser
import Foundation
import RecommendCore

/// The query-time controls shared by `related` and `eval`: each flag is the URL query parameter of the same name
/// (`--half-life` is `half_life`), so the CLI and the HTTP service read controls through one parser,
/// `RelatedQuery(parameters:)`.
struct RelatedOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Recency: multiply scores by 0.5^(days apart / DAYS).", valueName: "days"))
    var halfLife: Double?

    @Flag(help: "Only articles published before the article (a list that never changes).")
    var olderOnly = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Only articles published at most N days before or after.", valueName: "n"))
    var withinDays: Double?

    @Flag(help: "Only articles of the article's category (the feed's 'category'; none when it has none).")
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
        parsing: .unconditional,
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
        do { _ = try query(limit: 1) } catch .invalidControl(let name, let value, let expected) {
            throw ValidationError("--\(name.replacing("_", with: "-")) \(value): expected \(expected)")
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The controls as URL query parameters, as the HTTP service receives them.
    private var parameters: [(name: String, value: String)] {
        var parameters: [(name: String, value: String)] = []
        func add(_ name: String, _ value: (some CustomStringConvertible)?) {
            if let value { parameters.append((name, value.description)) }
        }
        add("half_life", halfLife)
        add("older_only", olderOnly)
        add("within_days", withinDays)
        add("category", sameCategory ? "same" : otherCategory ? "other" : "any")
        for id in excluded { add("exclude", id) }
        add("from", from)
        add("to", to)
        add("mmr", mmr)
        add("explain", explain)
        add("collapse", !noCollapse)
        return parameters
    }

    /// The query these flags ask for, `limit` long.
    /// - Throws: `QueryError.invalidControl` naming the first control with a bad value.
    func query(limit: Int) throws(QueryError) -> RelatedQuery {
        try RelatedQuery(parameters: [("k", String(limit))] + parameters)
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
