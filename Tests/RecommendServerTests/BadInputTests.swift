import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RecommendServer
import Testing
import TestSupport

/// Every bad request gets a 4xx with a JSON `{"error": ...}` saying what was wrong, and the service goes on.
@Suite struct BadInputTests {
    static let indexPath: String = {
        let path = NSTemporaryDirectory() + "recommend-server-bad-input-\(UUID().uuidString).index"
        do {
            try TestIndex.write(to: path)
        } catch {
            fatalError("cannot build the test index: \(error)")
        }
        return path
    }()

    @Test(
        "k must be an integer from 1 to 100",
        arguments: ["abc", "0", "-1", "101", "", "1.5", "99999999999999999999999"])
    func badK(k: String) async throws {
        try await testApplication(indexPath: Self.indexPath).test(.router) { client in
            let response = try await client.execute(uri: "/v1/articles/a001/related?k=\(k)", method: .get)
            #expect(response.status == .badRequest)
            #expect(response.errorMessage == "k must be an integer from 1 to 100, got '\(k)'")
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    /// Bodies and a part of the message each must get.
    static let badBodies: [(body: String, message: String)] = [
        ("not json", "not valid JSON"),
        ("[1, 2]", "JSON object {\"title\": string, \"body\": string, \"k\": integer}: got an array"),
        ("null", "JSON object {\"title\": string, \"body\": string, \"k\": integer}: got null"),
        ("\"text\"", "JSON object {\"title\": string, \"body\": string, \"k\": integer}: got a string"),
        (#"{"title": 5}"#, "'title' must be a string, got the number 5"),
        (#"{"title": 1.5}"#, "'title' must be a string, got the number 1.5"),
        (#"{"title": true}"#, "'title' must be a string, got true"),
        (#"{"body": 1e20}"#, "'body' must be a string, got the number 1e20"),
        (#"{"title": "x", "k": "ten"}"#, "'k' must be a number, got a string"),
        (#"{"title": "x", "k": true}"#, "'k' must be a number, got true"),
        (#"{"title": "x", "k": 2.5}"#, "k must be an integer from 1 to 100, got '2.5'"),
        (#"{"title": "x", "k": 1e30}"#, "k must be an integer from 1 to 100, got '1e30'"),
        (#"{"title": "x", "k": 1e400}"#, "k must be an integer from 1 to 100, got '1e400'"),
        (#"{"title": "x", "k": -1e400}"#, "k must be an integer from 1 to 100, got '-1e400'"),
        (#"{"title": "x", "k": 0}"#, "k must be an integer from 1 to 100, got '0'"),
        (#"{"title": "x", "k": 101}"#, "k must be an integer from 1 to 100, got '101'"),
        (#"{"title": "", "body": "  "}"#, "the text has neither a title nor a body"),
        (#"{"title": "x", "embedding": "0.1 0.2"}"#, "'embedding' must be a list of numbers, got a string"),
        (#"{"title": "x", "embedding": [0.1, "a"]}"#, "'embedding' must be a non-empty list of finite numbers"),
        (#"{"title": "x", "embedding": [1e400]}"#, "'embedding' must be a non-empty list of finite numbers"),
        ("{}", "the text has neither a title nor a body"),
        ("", "not valid JSON"),
    ]

    @Test("bad POST bodies are refused with a message naming the problem", arguments: badBodies)
    func badBody(body: String, message: String) async throws {
        try await expectBadRequest(body: Array(body.utf8), message: message)
    }

    @Test("a body that is not valid UTF-8 is refused")
    func invalidUTF8() async throws {
        let body: [UInt8] = Array(#"{"title": "caf"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        try await expectBadRequest(body: body, message: "the body is not valid UTF-8")
    }

    private func expectBadRequest(body: [UInt8], message: String) async throws {
        try await testApplication(indexPath: Self.indexPath).test(.router) { client in
            let response = try await client.execute(uri: "/v1/related", method: .post, body: ByteBuffer(bytes: body))
            #expect(response.status == .badRequest)
            let error = try #require(response.errorMessage)
            #expect(error.contains(message), "\(error)")
        }
    }

    @Test("a body over 1 MiB is a 413")
    func bodyTooLarge() async throws {
        let text = String(repeating: "word ", count: 220_000)
        let body = try JSONEncoder().encode(["title": "big", "body": text])
        #expect(body.count > 1 << 20)
        try await testApplication(indexPath: Self.indexPath).test(.router) { client in
            let response = try await client.execute(uri: "/v1/related", method: .post, body: ByteBuffer(bytes: body))
            #expect(response.status == .contentTooLarge)
            #expect(response.errorMessage == "the body is larger than 1048576 bytes")
        }
    }

    @Test(
        "unknown routes and methods are a JSON 404",
        arguments: [
            ("/nowhere", HTTPRequest.Method.get), ("/v1", .get), ("/v2/articles/a001", .get), ("/v1/related", .get),
            ("/v1/articles/a001/related", .post), ("/healthz", .delete),
        ])
    func unknownRoute(uri: String, method: HTTPRequest.Method) async throws {
        try await testApplication(indexPath: Self.indexPath).test(.router) { client in
            let response = try await client.execute(uri: uri, method: method)
            #expect(response.status == .notFound)
            #expect(response.errorMessage == "no route for \(method.rawValue) \(uri)")
        }
    }
}
