extension RelatedQuery {
    /// The names of the controls as URL query parameters, one per field:
    /// `k`, `half_life`, `older_only`, `within_days`, `category` (`any`, `same`, `other`), `exclude`
    /// (repeatable), `from`, `to`, `mmr`, `explain`, `collapse`, `fallback` (`none`, `topic`). Flags take
    /// `true`/`false` (`1`/`0`; a bare name means true).
    public static let parameterNames: Set<String> = [
        "k", "half_life", "older_only", "within_days", "category", "exclude", "from", "to", "mmr", "explain",
        "collapse", "fallback",
    ]

    /// The query that URL query parameters ask for, so an HTTP service and the CLI fill the same value.
    /// Parameters not in `parameterNames` are ignored (they belong to the caller).
    /// - Throws: `QueryError.invalidControl` naming the first parameter with a bad value.
    public init(parameters: [(name: String, value: String)]) throws(QueryError) {
        self.init()
        func fail(_ name: String, _ value: String, _ expected: String) -> QueryError {
            .invalidControl(name: name, value: value, expected: expected)
        }
        func number(_ name: String, _ value: String) throws(QueryError) -> Double {
            guard let x = Double(value), x.isFinite else { throw fail(name, value, "a number") }
            return x
        }
        func flag(_ name: String, _ value: String) throws(QueryError) -> Bool {
            switch value.lowercased() {
            case "", "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw fail(name, value, "true or false")
            }
        }
        for (name, value) in parameters {
            switch name {
            case "k":
                guard let k = Int(value) else { throw fail(name, value, "a whole number") }
                limit = k
            case "half_life": halfLifeDays = try number(name, value)
            case "older_only": olderOnly = try flag(name, value)
            case "within_days": withinDays = try number(name, value)
            case "category":
                guard let filter = CategoryFilter(rawValue: value) else {
                    throw fail(name, value, "any, same or other")
                }
                category = filter
            case "exclude": excluded.insert(ArticleID(value))
            case "from", "to":
                guard let bound = Self.dateBound(value, endOfDay: name == "to") else {
                    throw fail(name, value, "an ISO 8601 date such as 2026-03-14")
                }
                if name == "from" { publishedFrom = bound } else { publishedTo = bound }
            case "mmr": diversityLambda = try number(name, value)
            case "explain": explain = try flag(name, value)
            case "collapse": collapseDuplicates = try flag(name, value)
            case "fallback":
                guard value == "topic" || value == "none" else { throw fail(name, value, "none or topic") }
                fallbackToTopic = value == "topic"
            default: continue
            }
        }
        try validate()
    }

    /// Checks the values no list can be computed with.
    /// - Throws: `QueryError.invalidControl` naming the control (by its parameter name).
    public func validate() throws(QueryError) {
        if limit < 1 { throw .invalidControl(name: "k", value: "\(limit)", expected: "at least 1") }
        if let halfLifeDays, !(halfLifeDays > 0) {
            throw .invalidControl(name: "half_life", value: "\(halfLifeDays)", expected: "a positive number of days")
        }
        if let withinDays, !(withinDays >= 0) {
            throw .invalidControl(name: "within_days", value: "\(withinDays)", expected: "0 or more days")
        }
        if let diversityLambda, !(0...1).contains(diversityLambda) {
            throw .invalidControl(name: "mmr", value: "\(diversityLambda)", expected: "a lambda in 0...1")
        }
        if let publishedFrom, let publishedTo, publishedFrom > publishedTo {
            throw .invalidControl(
                name: "from", value: ISO8601Date.format(publishedFrom),
                expected: "a date on or before to (\(ISO8601Date.format(publishedTo)))")
        }
        if explanationTerms < 1 {
            throw .invalidControl(name: "explanationTerms", value: "\(explanationTerms)", expected: "at least 1")
        }
    }
}
