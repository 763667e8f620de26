import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RecommendCore
import Synchronization
import TestSupport
import Testing

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

    @Test("SIGTERM: readiness turns to 503 draining, a request in flight is answered, then the process exits 0")
    func drainOnTerminate() async throws {
        let (directory, server, port) = try await startServer(["--shutdown-delay", "5", "--drain-timeout", "10"])
        defer {
            if server.isRunning { server.terminate() }
            try? FileManager.default.removeItem(atPath: directory)
        }
        // A request whose body is still arriving when the signal comes.
        let body = Array(#"{"title": "Dockworkers strike at the port", "body": "The union walked out.", "k": 2}"#.utf8)
        let inFlight = try RawConnection(port: port)
        try inFlight.send(
            Array(
                "POST /v1/related HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
                    .utf8)
                + body.prefix(10))
        try await Task.sleep(for: .milliseconds(200))
        kill(server.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(200))
        // During the shutdown delay (5 s, ample even on a loaded machine) the listener still answers, and says it is
        // draining.
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let ready = try await client.get("/readyz")
            #expect(ready.status == .serviceUnavailable)
            #expect(String(buffer: ready.body ?? ByteBuffer()).contains("draining"))
        }
        try inFlight.send(Array(body.dropFirst(10)))
        let response = try inFlight.receiveAll()
        #expect(response.hasPrefix("HTTP/1.1 200"), "\(response.prefix(200))")
        #expect(response.contains("\"related\""))
        server.waitUntilExit()
        #expect(server.terminationReason == .exit && server.terminationStatus == 0)
        #expect(throws: (any Error).self) { try RawConnection(port: port) }
    }

    @Test("SIGTERM with a request that never completes: the process still exits 0 after the drain timeout")
    func drainTimeout() async throws {
        let (directory, server, port) = try await startServer(["--drain-timeout", "1"])
        defer {
            if server.isRunning { server.terminate() }
            try? FileManager.default.removeItem(atPath: directory)
        }
        let stuck = try RawConnection(port: port)
        try stuck.send(Array("POST /v1/related HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{".utf8))
        try await Task.sleep(for: .milliseconds(200))
        let start = ContinuousClock.now
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        let took = ContinuousClock.now - start
        #expect(server.terminationReason == .exit && server.terminationStatus == 0)
        // Bounded by the timeout (1 s) plus the cancellation, not by the client.
        #expect(took < .seconds(8), "took \(took)")
        #expect(took >= .milliseconds(900), "took \(took)")
    }

    /// Indexes the sample corpus into a new directory and serves it with `options` on a free port.
    private func startServer(_ options: [String]) async throws -> (directory: String, server: Process, port: Int) {
        let directory = try TemporaryDirectory().path
        let indexPath = directory + "/recommend.index"
        let indexing = try run(["index", packageRoot + "/Data/articles.jsonl", "--index", indexPath])
        indexing.waitUntilExit()
        #expect(indexing.terminationStatus == 0)
        let output = Pipe()
        let server = try run(
            ["serve", "--index", indexPath, "--port", "0", "--poll-interval", "0", "--log-level", "notice"] + options,
            output: output)
        guard let port = try await listeningPort(output) else {
            server.terminate()
            throw CocoaError(.fileReadUnknown)
        }
        return (directory, server, port)
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

/// A plain TCP connection to the loopback service, to send a request in pieces.
private final class RawConnection {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if connected != 0 {
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
        // A server that never answers ends the read after 15 s instead of hanging the test.
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if sent != bytes.count { throw POSIXError(.EPIPE) }
    }

    /// Everything the server sends until it closes the connection (the service closes after answering while it
    /// drains).
    func receiveAll() throws -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer.prefix(count)
        }
        return String(decoding: received, as: UTF8.self)
    }
}
