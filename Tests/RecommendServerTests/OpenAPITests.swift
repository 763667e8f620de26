import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RecommendCore
import RecommendServer
import Testing
import TestSupport

/// The OpenAPI document against the running service: every documented operation is called, its status must be
/// one the document lists, and a JSON body must match the documented schema.
@Suite struct OpenAPITests {
    typealias JSON = RecommendCore.JSONValue

    static let document: JSON = {
        let path = packageRoot + "/docs/openapi.json"
        guard let data = FileManager.default.contents(atPath: path), let document = try? JSON.parse(Array(data)) else {
            fatalError("cannot read \(path)")
        }
        return document
    }()

    /// One request per documented operation (and the statuses they provoke): (method, documented path, URI, body).
    static let calls: [(HTTPRequest.Method, String, String, String?)] = [
        (.get, "/healthz", "/healthz", nil), (.get, "/readyz", "/readyz", nil), (.get, "/metrics", "/metrics", nil),
        (.get, "/openapi.json", "/openapi.json", nil),
        (.get, "/v1/articles/{id}/related", "/v1/articles/a001/related?k=3&explain=true&fallback=topic", nil),
        (.get, "/v1/articles/{id}/related", "/v1/articles/a001/related?mmr=4", nil),
        (.get, "/v1/articles/{id}/related", "/v1/articles/nope/related", nil),
        (.get, "/v1/articles/{id}/related.html", "/v1/articles/a001/related.html", nil),
        (.get, "/v1/articles/{id}/related.html", "/v1/articles/nope/related.html", nil),
        (.get, "/v1/articles/{id}", "/v1/articles/a001", nil), (.get, "/v1/articles/{id}", "/v1/articles/nope", nil),
        (.post, "/v1/related", "/v1/related", #"{"title": "Arsenal win the league", "k": 3}"#),
        (.post, "/v1/related", "/v1/related", #"{"title": 7}"#),
        (.get, "/v1/topics", "/v1/topics", nil), (.get, "/v1/topics/{id}", "/v1/topics/t1?limit=2", nil),
        (.get, "/v1/topics/{id}", "/v1/topics/t999", nil), (.get, "/v1/topics/{id}", "/v1/topics/t1?limit=0", nil),
        (.get, "/", "/?q=arsenal", nil), (.get, "/", "/?q=a001", nil),
        (.get, "/articles/{id}", "/articles/a001?k=3", nil), (.get, "/articles/{id}", "/articles/a001?k=0", nil),
        (.get, "/articles/{id}", "/articles/nope", nil),
        (.post, "/articles/{id}/overrides", "/articles/a001/overrides", "action=block&article=a002"),
        (.get, "/draft", "/draft", nil), (.post, "/draft", "/draft", "title=Arsenal+win&body=&k=3"),
        (.get, "/topics", "/topics?days=30", nil), (.get, "/topics", "/topics?days=0", nil),
        (.get, "/topics/{id}", "/topics/t1", nil), (.get, "/topics/{id}", "/topics/t999", nil),
        (.get, "/topic-map", "/topic-map", nil),
    ]

    @Test("the document is OpenAPI 3.1, every reference resolves, and the service serves it as kept in docs/")
    func documentIsWellFormed() async throws {
        guard case .string("3.1.0")? = Self.document["openapi"] else {
            Issue.record("not OpenAPI 3.1.0")
            return
        }
        let text = try String(contentsOfFile: packageRoot + "/docs/openapi.json", encoding: .utf8)
        let schemas = Self.document["components"]?["schemas"]
        var references = Set<String>()
        var rest = Substring(text)
        while let range = rest.range(of: "#/components/schemas/") {
            rest = rest[range.upperBound...]
            references.insert(String(rest.prefix { $0 != "\"" }))
        }
        #expect(!references.isEmpty)
        for name in references { #expect(schemas?[name] != nil, "unresolved reference \(name)") }
        try await ConsoleTests.app(indexPath: RelatedControlsTests.indexPath).test(.router) { client in
            let served = try await client.execute(uri: "/openapi.json", method: .get)
            let kept = try String(contentsOfFile: packageRoot + "/docs/openapi.json", encoding: .utf8)
            #expect(String(buffer: served.body) + "\n" == kept)
        }
    }

    @Test("every documented operation is called, answers a documented status, and its JSON matches the schema")
    func serviceFollowsTheDocument() async throws {
        let paths = try #require(Self.document["paths"]?.members)
        try await ConsoleTests.app(indexPath: RelatedControlsTests.indexPath).test(.router) { client in
            for (method, path, uri, body) in Self.calls {
                let operation = try #require(Self.document["paths"]?[path]?[method.rawValue.lowercased()], "\(method) \(path)")
                let contentType = body?.hasPrefix("{") == true ? "application/json" : "application/x-www-form-urlencoded"
                let response = try await client.execute(
                    uri: uri, method: method, headers: body == nil ? [:] : [.contentType: contentType],
                    body: body.map { ByteBuffer(string: $0) })
                let documented = try #require(
                    operation["responses"]?[String(response.status.code)],
                    "\(method) \(uri): \(response.status.code) is not documented")
                guard let content = documented["content"] else {
                    #expect(response.body.readableBytes == 0 || response.status == .seeOther, "\(method) \(uri)")
                    continue
                }
                let type = try #require(response.headers[.contentType]).split(separator: ";")[0]
                let media = try #require(content[String(type)], "\(method) \(uri): \(type) is not documented")
                if type == "application/json", let schema = media["schema"] {
                    let value = try JSON.parse(Array(response.body.readableBytesView))
                    let problems = Self.validate(value, schema, at: "$")
                    #expect(problems.isEmpty, "\(method) \(uri): \(problems)")
                }
            }
        }
        let documented = paths.flatMap { path, operations in
            (operations.members ?? []).map { "\($0.key.uppercased()) \(path)" }
        }
        #expect(Set(documented) == Set(Self.calls.map { "\($0.0.rawValue) \($0.1)" }))
    }

    /// The places where `value` does not match `schema` (the parts of JSON Schema the document uses).
    static func validate(_ value: JSON, _ schema: JSON, at path: String) -> [String] {
        if case .string(let reference)? = schema["$ref"] {
            let name = String(reference.split(separator: "/").last ?? "")
            guard let target = document["components"]?["schemas"]?[name] else { return ["\(path): unknown \(reference)"] }
            return validate(value, target, at: path)
        }
        let types: [String] =
            switch schema["type"] {
            case .string(let type)?: [type]
            case .array(let list)?: list.compactMap { if case .string(let s) = $0 { s } else { nil } }
            default: []
            }
        let actual: String =
            switch value {
            case .null: "null"
            case .bool: "boolean"
            case .integer: "integer"
            case .number: "number"
            case .string: "string"
            case .array: "array"
            case .object: "object"
            }
        if !types.isEmpty && !types.contains(actual) && !(actual == "integer" && types.contains("number")) {
            return ["\(path): \(actual), expected \(types)"]
        }
        var problems: [String] = []
        if case .object(let members) = value {
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where !members.contains(where: { $0.key == name }) {
                    problems.append("\(path).\(name) is missing")
                }
            }
            for (name, sub) in schema["properties"]?.members ?? [] {
                if let v = value[name] { problems += validate(v, sub, at: "\(path).\(name)") }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (n, item) in items.enumerated() { problems += validate(item, itemSchema, at: "\(path)[\(n)]") }
        }
        if case .string(let constant)? = schema["const"], case .string(let s) = value, s != constant {
            problems.append("\(path) is not \(constant)")
        }
        return problems
    }
}
