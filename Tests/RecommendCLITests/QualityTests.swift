import Foundation
import Testing
import TestSupport

/// Opt-in (RECOMMEND_QUALITY=1): index real labelled corpora (`RECOMMEND_CORPORA`), export, and score with the
/// reference `evaluate.py` (`RECOMMEND_REFERENCE`). Needs Python 3; slow in a debug build.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["RECOMMEND_QUALITY"] != nil && ExternalData.corpora != nil
            && ExternalData.reference != nil),
    .serialized)
struct QualityTests {
    static let corpora = ExternalData.corpora ?? ""
    static let reference = ExternalData.reference ?? ""

    @Test(
        "P@10 at or above the scikit-learn TF-IDF floor",
        arguments: [("bbc", 0.903), ("20newsgroups-bydate", 0.783), ("agnews-test", 0.742)])
    func precision(_ corpus: String, _ floor: Double) throws {
        let directory = try TemporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = "\(Self.corpora)/\(corpus).jsonl.gz"
        let index = directory + "/q.index"
        let related = directory + "/related.jsonl"
        // The default a user gets: with the embedding model Scripts/setup installs, when it is there.
        let models = ProcessInfo.processInfo.environment["RECOMMEND_MODELS"] ?? packageRoot + "/Models"
        let built = try CLI.run(["index", file, "--index", index], environment: ["RECOMMEND_MODELS": models])
        #expect(built.status == 0, "\(built.stderr)")
        let exported = try CLI.run(["export", "--index", index, "--related", related, "-k", "10"])
        #expect(exported.status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "\(Self.reference)/evaluate.py", "--corpus", file, "--related", related, "--json",
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let scores = try #require(report["related"] as? [String: Any])
        let precision = try #require(scores["P@10"] as? Double)
        #expect(precision >= floor, "P@10 \(precision) on \(corpus)")
    }
}
