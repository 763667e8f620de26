import Foundation
import RecommendCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A subset of `Scripts/fault-injection` on part of the sample corpus: `reindex` killed (`RECOMMEND_FAULT_POINT`) at
/// every named fault point once, in the report's write once and at a few offsets of the index write. After each
/// kill the index must be sound and byte for byte the served one (before the index's rename) or the new one
/// (from it on), with its generations as they were, rotated or moved along; then, for a run killed once its
/// write had begun, a re-run must succeed, leave no temporary file and give a clean run's index byte for byte.
/// The points run on the first 20 articles of the sample, to keep the test's cost small.
@Suite struct FaultInjectionTests {
    /// What a point left, and what went wrong, for one point.
    struct Outcome: Sendable {
        var point: String
        var problems: [String] = []
    }

    @Test(
        "killed at every named fault point and in the writes, reindex keeps a sound index; a re-run equals a clean run")
    func faultPoints() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // B (the job's source): the first 20 articles of the sample, to keep the 36 runs cheap; A (served): B
        // without its last 2.
        let lines = try String(contentsOfFile: packageRoot + "/Data/articles.jsonl", encoding: .utf8)
            .split(separator: "\n").prefix(20)
        try directory.write("A.jsonl", lines.dropLast(2).joined(separator: "\n") + "\n")
        try directory.write("B.jsonl", lines.joined(separator: "\n") + "\n")
        func reindex(_ source: String, in dir: String, point: String? = nil) throws -> CLI.Result {
            try CLI.run(
                ["reindex", "--source", "../\(source)", "--index", "news.index", "--keep", "2", "--report", "r.json"],
                in: dir, environment: point.map { ["RECOMMEND_FAULT_POINT": $0] } ?? [:])
        }
        func copy(_ name: String) throws -> String {
            try FileManager.default.copyItem(atPath: directory.file("served"), toPath: directory.file(name))
            return directory.file(name)
        }
        func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

        // The served state: two generations of A.
        let served = directory.file("served")
        try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: false)
        for _ in 0..<2 {
            let run = try reindex("A.jsonl", in: served)
            try #require(run.status == 0, "\(run.stderr)")
        }
        try FileManager.default.removeItem(atPath: served + "/r.json")
        let g1 = bytes(served + "/news.index.1")
        let g2 = bytes(served + "/news.index")
        // The clean run, traced (every point it reaches, in order, and its writes), and a second run after it.
        let reference = try copy("reference")
        let traced = try reindex("B.jsonl", in: reference, point: "trace")
        try #require(traced.status == 0, "\(traced.stderr)")
        let trace = traced.stderr.split(separator: "\n").filter { $0.hasPrefix("fault-point ") }
            .map { String($0.dropFirst("fault-point ".count)) }
        let g3 = bytes(reference + "/news.index")
        try #require(try reindex("B.jsonl", in: reference).status == 0)
        let g4 = bytes(reference + "/news.index")
        try #require(g1 != nil && g2 != nil && g3 != nil && g4 != nil && g3 != g2 && g4 != g3)
        let indexBytes = try #require(trace.first { $0.hasPrefix("write#1 ") }.flatMap { Int($0.dropFirst(8)) })
        let rotateAt = try #require(trace.firstIndex(of: "before-rotate#1"))
        let renamedAt = try #require(trace.firstIndex(of: "after-rename#1"))
        let writeAt = try #require(trace.firstIndex { $0.hasPrefix("write#1 ") })
        let reportAt = try #require(trace.firstIndex { $0.hasPrefix("write#2 ") })

        let names = try CLI.run(
            ["reindex", "--source", "none", "--index", directory.file("none")],
            environment: ["RECOMMEND_FAULT_POINT": "list"]
        ).stdout.split(separator: "\n")
        #expect(names.count == FaultPoint.named.count)
        let points =
            names.map { "\($0)#1" } + ["before-rename#2"]
            + [0, 4096, indexBytes - 1].map { "after-bytes:\($0)#1" } + ["after-bytes:0#2"]

        // One point after the other: the runs block on child processes, which a concurrent pool would wait on.
        var outcomes: [Outcome] = []
        for i in points.indices {
            var outcome = Outcome(point: points[i])
            defer { outcomes.append(outcome) }
            do {
                let dir = try copy("point-\(i)")
                let at: Int? =
                    points[i].hasSuffix("#2") && points[i].hasPrefix("after-bytes")
                    ? reportAt
                    : points[i].hasPrefix("after-bytes") ? writeAt : trace.firstIndex(of: points[i])
                guard let at else {
                    outcome.problems.append("not in the trace of a clean run")
                    continue
                }
                let killed = try reindex("B.jsonl", in: dir, point: points[i])
                guard killed.signal == SIGKILL else {
                    outcome.problems.append("not killed (exit \(killed.status)): \(killed.stderr)")
                    continue
                }
                let index = dir + "/news.index"
                if !IndexVerifier.verify(index).isSound { outcome.problems.append("index not sound") }
                if bytes(index) != (at >= renamedAt ? g3 : g2) { outcome.problems.append("index differs") }
                let rotated = at > rotateAt && at < renamedAt
                let generations =
                    at >= renamedAt
                    ? bytes(index + ".1") == g2 && bytes(index + ".2") == g1
                    : rotated
                        ? sameFile(index, index + ".1") && bytes(index + ".2") == g1
                        : bytes(index + ".1") == g1 && !FileManager.default.fileExists(atPath: index + ".2")
                if !generations { outcome.problems.append("generations wrong after the kill") }
                // Killed before the write, the run left nothing to clean up: its re-run would be a clean run.
                if at < writeAt {
                    let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
                    if !left.isEmpty { outcome.problems.append("temporary files before the write: \(left)") }
                    continue
                }
                let rerun = try reindex("B.jsonl", in: dir)
                guard rerun.status == 0 else {
                    outcome.problems.append("re-run failed: \(rerun.stderr)")
                    continue
                }
                if bytes(index) != (at >= renamedAt ? g4 : g3) { outcome.problems.append("re-run differs") }
                if bytes(index + ".1") != (at >= renamedAt ? g3 : g2)
                    || bytes(index + ".2") != (at >= renamedAt ? g2 : g1)
                {
                    outcome.problems.append("generations wrong after the re-run")
                }
                let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
                if !left.isEmpty { outcome.problems.append("temporary files left: \(left)") }
            } catch {
                outcome.problems.append("\(error)")
            }
        }
        #expect(outcomes.count == points.count)
        for outcome in outcomes where !outcome.problems.isEmpty {
            Issue.record("\(outcome.point): \(outcome.problems.joined(separator: "; "))")
        }
    }

    /// Whether `a` and `b` (in one directory) name one file.
    private func sameFile(_ a: String, _ b: String) -> Bool {
        func inode(_ path: String) -> UInt64? {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? NSNumber)?.uint64Value
        }
        return inode(a) != nil && inode(a) == inode(b)
    }
}
