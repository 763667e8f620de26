import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RecommendCore
import Synchronization
import Testing
import TestSupport

/// Runs the real `recommend` binary: index the sample corpus, serve it on a free loopback port, query it over
/// HTTP, swap the index and send SIGHUP, then stop it with SIGTERM.
@Suite struct ServeCommandTests {
    @Test("recommend serve answers on a free loopback port, reloads on SIGHUP and stops on SIGTERM")
    func serveBinary() async throws {
        let directory = try TemporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let indexPath = directory + "/recommend.index"

        let indexing = try run(["index", packageRoot + "/Data/articles.jsonl", "--index", indexPath])
        indexing.waitUntilExit()
        #expect(indexing.terminationStatus == 0)

        let output = Pipe()
        let server = try run(
            ["serve", "--index", indexPath, "--port", "0", "--poll-interval", "0", "--log-level", "notice"],
            output: output)
        defer { if server.isRunning { server.terminate() } }
        let port = try #require(try await listeningPort(output))

        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            let related = try await client.get("/v1/articles/a001/related?k=3")
            #expect(related.status == .ok)
            #expect(related.headers[HTTPField.Name("X-Index-Generation")!] == "1")
            let body = try JSONDecoder().decode(
                RelatedResponse.self, from: Data((related.body ?? ByteBuffer()).readableBytesView))
            #expect(body.article?.id == "a001")
            #expect(body.related.count == 3)
            let missing = try await client.get("/v1/articles/none/related")
            #expect(missing.status == .notFound)

            // A new generation renamed into place; polling is off, so only SIGHUP makes the server look.
            var configuration = RecommendConfiguration()
            configuration.similarity.neighbours = 10
            let articles = try FeedReader().read([packageRoot + "/Data/articles.jsonl"]).articles
            let built = try IndexBuilder(configuration: configuration, generation: 2).build(articles: articles)
            try IndexWriter.write(built.contents, to: indexPath)
            kill(server.processIdentifier, SIGHUP)
            var generation: String?
            for _ in 0..<200 where generation != "2" {
                try await Task.sleep(for: .milliseconds(25))
                generation = try await client.get("/readyz").headers[HTTPField.Name("X-Index-Generation")!]
            }
            #expect(generation == "2")
        }
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
    }

    /// Starts the `recommend` binary built next to this test bundle.
    private func run(_ arguments: [String], output: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent("recommend")
        process.arguments = arguments
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = output ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The port the server logs once bound (`"address":"http://127.0.0.1:PORT"`), read from its output.
    private func listeningPort(_ pipe: Pipe) async throws -> Int? {
        let handle = pipe.fileHandleForReading
        let found = Mutex<Int?>(nil)
        let text = Mutex("")
        handle.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            let all = text.withLock {
                $0 += chunk
                return $0
            }
            if let range = all.range(of: #""address":"http://127.0.0.1:"#) {
                let digits = all[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), all[range.upperBound...].count > digits.count {
                    found.withLock { $0 = port }
                }
            }
        }
        defer { handle.readabilityHandler = nil }
        for _ in 0..<600 {
            if let port = found.withLock({ $0 }) { return port }
            try await Task.sleep(for: .milliseconds(25))
        }
        return nil
    }

    /// The directory holding the built products (the test bundle and the `recommend` binary).
    private var productsDirectory: URL {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.path + "/recommend") {
            directory.deleteLastPathComponent()
        }
        return directory
    }

    private var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }
}
