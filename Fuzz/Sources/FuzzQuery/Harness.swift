import Foundation
import FuzzSupport
import RecommendCore

/// The HTTP query parameters (`RelatedQuery(parameters:)`), given as a raw query string (`k=5&mmr=0.3&...`) that
/// the harness splits at `&` and the first `=` and percent-decodes, as a URL parser would (the service takes its
/// parameters from Hummingbird's URI parser, not part of this package). A query that parses is then answered
/// for every article of the small index, with and without vectors, as the service does (`k` capped to the
/// stored width): only `QueryError` comes back, and every list is valid (`ListChecks`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let raw = String(decoding: Fuzz.bytes(data, size), as: UTF8.self)
    let parameters = raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func decoded(_ s: Substring) -> String {
            let plus = s.replacingOccurrences(of: "+", with: " ")
            return plus.removingPercentEncoding ?? plus
        }
        return (name: decoded(parts[0]), value: parts.count > 1 ? decoded(parts[1]) : "")
    }
    var query: RelatedQuery
    do throws(QueryError) {
        query = try RelatedQuery(parameters: parameters)
    } catch {
        guard case .invalidControl(let name, _, _) = error, RelatedQuery.parameterNames.contains(name) else {
            Fuzz.broken("a parse error that names no parameter: \(error)")
        }
        return 0
    }
    let index = ListChecks.index
    let width = SmallIndex.shared.neighbours
    let asked = query.limit
    query.limit = min(query.limit, width)
    // With vectors, and without them when the query does not need them (as the service loads them lazily).
    let rankers =
        [RelatedRanker(index: index, model: ListChecks.model)]
        + (query.needsVectors ? [] : [RelatedRanker(index: index, model: nil)])
    for article in SmallIndex.shared.articles.prefix(8) {
        guard let i = try? index.index(of: article.id) else { Fuzz.broken("no article \(article.id)") }
        for ranker in rankers {
            do {
                ListChecks.check(try ranker.related(to: i, query), of: article.id, query)
            } catch {
                Fuzz.broken("the list of \(article.id) fails for \(parameters): \(error)")
            }
        }
        if asked > width {
            var uncapped = query
            uncapped.limit = asked
            do {
                _ = try rankers[0].related(to: i, uncapped)
                Fuzz.broken("k = \(asked) beyond the stored \(width) answered")
            } catch QueryError.beyondStoredList {
            } catch {
                Fuzz.broken("k = \(asked) fails with \(error)")
            }
        }
    }
    return 0
}

/// libFuzzer's driver, from a `main` of our own (SwiftPM gives every executable its own entry point).
@main enum Harness {
    static func main() { Fuzz.run(fuzz) }
}
