import FuzzSupport
import RecommendCore

/// The index-file loader: a small intact index, damaged as the input says (`IndexDamage`), opened checked on
/// open and checked on use, verified (`verify()` and `IndexVerifier`), and read every way (`IndexReads`).
///
/// Damage left as it is (checksums stale): a file that differs from the intact one must be refused or answer
/// every read exactly as the intact one; a read that answers differently is a silent misread. `IndexVerifier`
/// must not call such a file sound unless every read answers as the intact one.
/// Damage re-sealed (checksums recomputed, as a writer bug would leave them): the structure checks are all that
/// stand between the damage and the reader, so nothing may crash or hang, a file `IndexVerifier` calls sound
/// must open and answer every read, and the two checking modes must agree on it wherever both answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let intact = SmallIndex.shared
    let plan = IndexDamage.plan(Fuzz.bytes(data, size))
    var bytes = IndexDamage.apply(plan, to: intact.bytes)
    if plan.reseal { bytes = IndexDamage.resealed(bytes) }
    let path = Fuzz.write(bytes, to: "damaged.index")
    let ids = intact.articles.map(\.id)

    let verification = IndexVerifier.verify(path)
    var answers: [RecommendIndex.Checking: [String: IndexReads.Answer?]] = [:]
    for checking in [RecommendIndex.Checking.onOpen, .onUse] {
        guard let index = try? RecommendIndex(path: path, checking: checking) else {
            if verification.isSound { Fuzz.broken("IndexVerifier calls the file sound, opening it \(checking) fails") }
            continue
        }
        let reads = IndexReads.all(index, ids: ids)
        answers[checking] = Dictionary(reads.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        if verification.isSound, let refused = reads.first(where: { $0.value == nil }) {
            Fuzz.broken("IndexVerifier calls the file sound, \(checking) refuses \(refused.name)")
        }
        guard !plan.reseal, bytes != intact.bytes else { continue }
        for (name, value) in reads {
            guard let value else { continue }
            guard let expected = Intact.answers[name] else {
                Fuzz.broken("silent misread (\(checking)): \(name) answers \(value); the intact index has no such read")
            }
            guard expected == value else {
                Fuzz.broken("silent misread (\(checking)): \(name) answers\n\(value)\nthe intact index\n\(expected.map { "\($0)" } ?? "refuses")")
            }
        }
    }
    // Only for a sound file: the structure checks refuse values (NaN vector entries) whose answers need not be
    // reproducible (explanation terms sorted by a NaN contribution come out in either order).
    if verification.isSound, let onOpen = answers[.onOpen], let onUse = answers[.onUse] {
        for (name, value) in onOpen {
            guard let value, let other = onUse[name], let other else { continue }
            if value != other { Fuzz.broken("checked on open and on use differ: \(name)\n\(value)\n\(other)") }
        }
    }
    return 0
}

/// The answers of the intact index, read once (and checked the same either way it is opened).
enum Intact {
    static let answers: [String: IndexReads.Answer?] = {
        let intact = SmallIndex.shared
        let ids = intact.articles.map(\.id)
        let onOpen = IndexReads.all(intact.open(checking: .onOpen), ids: ids)
        let onUse = IndexReads.all(intact.open(checking: .onUse), ids: ids)
        guard onOpen.map(\.name) == onUse.map(\.name), zip(onOpen, onUse).allSatisfy({ $0.value == $1.value }) else {
            Fuzz.broken("the intact index answers differently checked on open and on use")
        }
        if let refused = onOpen.first(where: { $0.value == nil }) { Fuzz.broken("the intact index refuses \(refused.name)") }
        guard IndexVerifier.verify(intact.path).isSound else { Fuzz.broken("the intact index is not sound") }
        return Dictionary(onOpen.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }()
}

/// libFuzzer's driver, from a `main` of our own (SwiftPM gives every executable its own entry point).
@main enum Harness {
    static func main() { Fuzz.run(fuzz) }
}
