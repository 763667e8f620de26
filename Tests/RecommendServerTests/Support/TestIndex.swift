import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RecommendCore
import RecommendServer
import TestSupport

/// Index files built from the sample corpus in Data/.
enum TestIndex {
    /// The 200 sample articles, read once.
    static let articles: [Article] = {
        do {
            return try sampleArticles()
        } catch {
            fatalError("cannot read the sample corpus: \(error)")
        }
    }()

    /// Writes an index of the sample corpus to `path`. Every title ends with `[g<generation>]`, so any answer
    /// shows which file it came from. Without `topics` the file is as an index built before topics existed.
    static func write(to path: String, generation: UInt64 = 1, neighbours: Int = 50, topics: Bool = true) throws {
        var configuration = RecommendConfiguration()
        configuration.similarity.neighbours = neighbours
        let tagged = articles.map { article in
            var article = article
            article.title += " [g\(generation)]"
            return article
        }
        var contents = try IndexBuilder(configuration: configuration, generation: generation)
            .build(articles: tagged).contents
        if !topics { contents.topics = nil }
        try IndexWriter.write(contents, to: path)
    }

    /// Replaces the file at `path` the way the nightly job does: a copy of `source` renamed into place.
    static func replace(_ path: String, with source: String) throws {
        let staging = path + ".new-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: source, toPath: staging)
        guard rename(staging, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// A copy of the index at `source` with one byte flipped inside its body vectors (section `BVAL`), so
    /// that opening it succeeds and only loading the model finds the damage.
    static func corruptModel(of source: String, to path: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
        func u32(_ at: Int) -> UInt32 { bytes[at..<at + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        func u64(_ at: Int) -> Int { Int(bytes[at..<at + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }
        let sections = Int(u32(12))
        for s in 0..<sections {
            let entry = 32 + 32 * s
            if bytes[entry..<entry + 4].elementsEqual("BVAL".utf8) {
                bytes[u64(entry + 8) + u64(entry + 16) / 2] ^= 0xFF
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                return
            }
        }
        throw CocoaError(.fileReadCorruptFile)
    }
}

/// The service under test, with fast polling and quiet logs.
func testApplication(
    indexPath: String, pollInterval: Duration? = .milliseconds(20), modelsDirectory: String = "/nonexistent-models"
) -> some ApplicationProtocol {
    buildApplication(
        ServerConfiguration(
            indexPath: indexPath, pollInterval: pollInterval, logLevel: .critical, modelsDirectory: modelsDirectory))
}

extension TestResponse {
    /// The body decoded as JSON.
    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }

    /// The `error` message of a JSON error body.
    var errorMessage: String? {
        (try? JSONDecoder().decode([String: String].self, from: Data(body.readableBytesView)))?["error"]
    }

    var generation: UInt64? { headers[HTTPField.Name("X-Index-Generation")!].flatMap { UInt64($0) } }
}

/// The waits below allow 30 s: `swift test` runs every target's tests at once, and on a busy 2-core machine the
/// synchronous work of other suites can hold the cooperative pool for tens of seconds. A passing test never waits
/// that long.
extension TestClientProtocol {
    /// Polls `/readyz` until the service serves `generation`, for at most `timeout`.
    func waitForGeneration(_ generation: UInt64, timeout: Duration = .seconds(30)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await execute(uri: "/readyz", method: .get).generation == generation { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// Polls `uri` until `condition` holds for its answer, for at most `timeout`.
    func waitFor(
        _ uri: String, timeout: Duration = .seconds(30), until condition: (TestResponse) throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition(try await execute(uri: uri, method: .get)) { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// Polls `/metrics` until `line` appears, for at most `timeout`.
    func waitForMetric(_ line: String, timeout: Duration = .seconds(30)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = String(buffer: try await execute(uri: "/metrics", method: .get).body)
            if text.split(separator: "\n").contains(where: { $0 == line }) { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}
