import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RecommendCore
import RecommendServer
import Synchronization
import Testing
import TestSupport

@Suite struct ReloadTests {
    @Test("a file renamed over the index is served once loaded; reloads are counted")
    func reloadOnReplacement() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path, generation: 1)
        try TestIndex.write(to: directory.file("g2.index"), generation: 2)
        try await testApplication(indexPath: path).test(.router) { client in
            let before = try await client.execute(uri: "/v1/articles/a001", method: .get)
            #expect(try before.json(ArticleSummary.self).title.hasSuffix("[g1]"))
            try TestIndex.replace(path, with: directory.file("g2.index"))
            #expect(try await client.waitForGeneration(2))
            let after = try await client.execute(uri: "/v1/articles/a001", method: .get)
            #expect(after.generation == 2)
            #expect(try after.json(ArticleSummary.self).title.hasSuffix("[g2]"))
            #expect(try await client.waitForMetric("recommend_index_reloads_total 1"))
        }
    }

    @Test("a new file with a corrupt model is refused, counted, and the old index keeps serving")
    func corruptFileRefused() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path, generation: 1)
        try TestIndex.write(to: directory.file("g2.index"), generation: 2)
        try TestIndex.corruptModel(of: directory.file("g2.index"), to: directory.file("bad.index"))
        // Opening the damaged file succeeds: only loading the model finds the damage.
        let opened = try RecommendIndex(path: directory.file("bad.index"))
        #expect(throws: IndexFileError.self) { try TextSearcher(index: opened) }
        try await testApplication(indexPath: path).test(.router) { client in
            try TestIndex.replace(path, with: directory.file("bad.index"))
            #expect(try await client.waitForMetric("recommend_index_reload_failures_total 1"))
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.generation == 1)
            let text = try await client.execute(
                uri: "/v1/related", method: .post, body: ByteBuffer(string: #"{"title": "football"}"#))
            #expect(text.status == .ok)
            #expect(text.generation == 1)
            // A good file afterwards is taken.
            try TestIndex.replace(path, with: directory.file("g2.index"))
            #expect(try await client.waitForGeneration(2))
        }
    }

    @Test("a file truncated, then overwritten in place under the service: no fault, answers from verified bytes")
    func rewrittenInPlace() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path, generation: 1)
        try TestIndex.write(to: directory.file("g2.index"), generation: 2)
        let uris = ["a001", "a067", "a150", "a200"].map { "/v1/articles/\($0)/related?k=50" }
        try await testApplication(indexPath: path).test(.router) { client in
            var before: [String] = []
            for uri in uris { before.append(String(buffer: try await client.execute(uri: uri, method: .get).body)) }
            // Truncated in place: the mapped pages behind the old answers are gone from the file.
            #expect(truncate(path, 100_000) == 0)
            for (uri, expected) in zip(uris, before) {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok && response.generation == 1)
                #expect(String(buffer: response.body) == expected)
            }
            #expect(try await client.waitForMetric("recommend_index_reload_failures_total 1"))
            // Overwritten in place with another complete index (as `cp other.index` does): taken once verified.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: directory.file("g2.index"))))
            try handle.close()
            #expect(try await client.waitForGeneration(2))
            let after = try await client.execute(uri: "/v1/articles/a001", method: .get)
            #expect(try after.json(ArticleSummary.self).title.hasSuffix("[g2]"))
        }
    }

    @Test("the overrides file beside the index is reloaded with it: written, refused when bad, removed")
    func overridesReload() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        let overrides = URL(fileURLWithPath: RelatedOverrides.defaultPath(forIndex: path))
        let uri = "/v1/articles/a001/related?k=5"
        try await testApplication(indexPath: path).test(.router) { client in
            let before = try await client.execute(uri: uri, method: .get).json(RelatedResponse.self)
            let listed = Set(before.related.map(\.article.id))
            let blocked = try #require(before.related.first).article.id
            let pin = try #require(TestIndex.articles.map(\.id).first { $0 != "a001" && !listed.contains($0) })
            let rules = #"[{"pin": "\#(pin)", "for": "a001", "position": 2}, {"block": "\#(blocked)", "for": "a001"}]"#
            try Data(rules.utf8).write(to: overrides, options: .atomic)
            #expect(
                try await client.waitFor(uri) { response in
                    try response.json(RelatedResponse.self).related.dropFirst().first?.article.id == pin
                })
            let pinned = try await client.execute(uri: uri, method: .get).json(RelatedResponse.self)
            #expect(pinned.related[1].pinned == true)
            #expect(pinned.related.allSatisfy { $0.article.id != blocked })
            #expect(pinned.related.count == 5)
            #expect(try await client.waitForMetric("recommend_index_reloads_total 1"))
            let ready = try await client.execute(uri: "/readyz", method: .get).json([String: JSONValue].self)
            #expect(ready["overridesPath"] == .string(overrides.path))

            // A bad rule refuses the whole file; the previous rules keep serving.
            try Data(#"[{"pin": "a002"}]"#.utf8).write(to: overrides, options: .atomic)
            #expect(try await client.waitForMetric("recommend_index_reload_failures_total 1"))
            let kept = try await client.execute(uri: uri, method: .get).json(RelatedResponse.self)
            #expect(kept == pinned)

            // Without the file the stored list is back.
            try FileManager.default.removeItem(at: overrides)
            #expect(try await client.waitForMetric("recommend_index_reloads_total 2"))
            #expect(try await client.execute(uri: uri, method: .get).json(RelatedResponse.self) == before)
        }
    }

    @Test("a bad overrides file at start-up leaves the service unready until the file is fixed")
    func badOverridesAtStartUp() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        let overrides = URL(fileURLWithPath: RelatedOverrides.defaultPath(forIndex: path))
        try Data(#"[{"block": "a002", "fro": "a001"}]"#.utf8).write(to: overrides)
        try await testApplication(indexPath: path).test(.router) { client in
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(try await client.waitForMetric("recommend_index_reload_failures_total 1"))
            try Data(#"[{"block": "a002", "for": "a001"}]"#.utf8).write(to: overrides, options: .atomic)
            #expect(try await client.waitForGeneration(1))
            let related = try await client.execute(uri: "/v1/articles/a001/related?k=50", method: .get)
            #expect(try related.json(RelatedResponse.self).related.allSatisfy { $0.article.id != "a002" })
        }
    }

    @Test("an index that appears after start-up is loaded and the service becomes ready")
    func indexAppearsLater() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: directory.file("g4.index"), generation: 4)
        try await testApplication(indexPath: path).test(.router) { client in
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .serviceUnavailable)
            try TestIndex.replace(path, with: directory.file("g4.index"))
            #expect(try await client.waitForGeneration(4))
            #expect(try await client.execute(uri: "/v1/articles/a001/related", method: .get).status == .ok)
        }
    }

    @Test("under load while the index is replaced several times: no failed request, no mixed answer")
    func hammerDuringReloads() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        for generation: UInt64 in [1, 2] {
            try TestIndex.write(to: directory.file("g\(generation).index"), generation: generation)
        }
        try TestIndex.replace(path, with: directory.file("g1.index"))
        let ids = TestIndex.articles.map(\.id)
        let texts = TestIndex.articles.prefix(20).map { ["title": $0.title, "body": $0.body] }
        let loadStopped = StopFlag()

        try await testApplication(indexPath: path).test(.router) { client in
            let results = try await withThrowingTaskGroup(of: (requests: Int, problems: [String]).self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var requests = 0
                        var problems: [String] = []
                        while !loadStopped.isSet {
                            let id = ids[(worker * 31 + requests * 7) % ids.count]
                            let response: TestResponse
                            switch requests % 3 {
                            case 0:
                                response = try await client.execute(
                                    uri: "/v1/articles/\(id)/related?k=20", method: .get)
                            case 1: response = try await client.execute(uri: "/v1/articles/\(id)", method: .get)
                            default:
                                let body = try JSONEncoder().encode(texts[requests % texts.count])
                                response = try await client.execute(
                                    uri: "/v1/related", method: .post, body: ByteBuffer(bytes: body))
                            }
                            requests += 1
                            if let problem = Self.inconsistency(response) { problems.append(problem) }
                        }
                        return (requests, problems)
                    }
                }
                group.addTask {
                    for round in 0..<6 {
                        let generation: UInt64 = round % 2 == 0 ? 2 : 1
                        try TestIndex.replace(path, with: directory.file("g\(generation).index"))
                        let swapped = try await client.waitForGeneration(generation)
                        try await Task.sleep(for: .milliseconds(50))
                        if !swapped {
                            loadStopped.set()
                            return (0, ["generation \(generation) was never served"])
                        }
                    }
                    loadStopped.set()
                    return (0, [])
                }
                var total = (requests: 0, problems: [String]())
                for try await result in group {
                    total.requests += result.requests
                    total.problems += result.problems
                }
                return total
            }
            #expect(results.problems.isEmpty, "\(results.problems.prefix(5))")
            #expect(results.requests > 100)
            #expect(try await client.waitForMetric("recommend_index_reloads_total 6"))
            #expect(try await client.waitForMetric("recommend_index_reload_failures_total 0"))
        }
    }

    /// Why `response` is not a complete answer of exactly one index, or `nil` if it is.
    static func inconsistency(_ response: TestResponse) -> String? {
        guard response.status == .ok else { return "status \(response.status.code): \(response.errorMessage ?? "")" }
        guard let generation = response.generation else { return "no X-Index-Generation header" }
        let tag = "[g\(generation)]"
        let titles: [String]
        if let related = try? response.json(RelatedResponse.self) {
            guard !related.related.isEmpty else { return "an empty related list" }
            titles =
                (related.article.map { [$0.title] } ?? []) + related.related.map(\.article.title)
                + (related.topic?.centralArticles.map(\.title) ?? [])
        } else if let article = try? response.json(ArticleSummary.self) {
            titles = [article.title]
        } else {
            return "an unreadable body"
        }
        let foreign = titles.filter { !$0.hasSuffix(tag) }
        return foreign.isEmpty ? nil : "generation \(generation) answered with \(foreign.first!)"
    }
}

/// Tells the load generators to stop; shared by reference between tasks.
final class StopFlag: Sendable {
    private let value = Atomic(false)

    var isSet: Bool { value.load(ordering: .relaxed) }

    func set() { value.store(true, ordering: .relaxed) }
}
