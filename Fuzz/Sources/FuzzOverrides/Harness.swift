import FuzzSupport
import RecommendCore

/// The editorial overrides file (`RelatedOverrides(json:path:index:)` against the small index): only
/// `OverridesError` comes back, an entry error names an entry and a line of the file, and with the overrides in
/// place every list of the index is still a valid list (`ListChecks`) in which no pinned article is blocked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    let index = ListChecks.index
    let overrides: RelatedOverrides
    do throws(OverridesError) {
        overrides = try RelatedOverrides(json: bytes, path: "overrides.json", index: index)
    } catch {
        if case .badEntry(_, let entry, let line, _) = error {
            let lines = bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
            guard entry >= 1, (1...lines).contains(line) else { Fuzz.broken("\(error): the file has \(lines) lines") }
        }
        if case .damagedIndex = error { Fuzz.broken("the intact index is called damaged: \(error)") }
        return 0
    }
    let ranker = RelatedRanker(index: index, overrides: overrides, model: nil)
    var query = RelatedQuery()
    query.limit = SmallIndex.shared.neighbours
    for article in SmallIndex.shared.articles {
        guard let i = try? index.index(of: article.id) else { Fuzz.broken("no article \(article.id)") }
        do {
            ListChecks.check(try ranker.related(to: i, query), of: article.id, query)
        } catch {
            Fuzz.broken("the list of \(article.id) fails with overrides: \(error)")
        }
    }
    return 0
}

/// libFuzzer's driver, from a `main` of our own (SwiftPM gives every executable its own entry point).
@main enum Harness {
    static func main() { Fuzz.run(fuzz) }
}
