import Foundation
import Testing

@testable import RecommendCore

@Suite struct IndexFileTests {
    static func contents() throws -> IndexContents {
        var articles = try sampleArticles()
        articles[3].published = nil
        articles[4].category = nil
        return try IndexBuilder().build(articles: articles).contents
    }

    @Test("an index reads back exactly what was written")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let contents = try Self.contents()
        let path = dir.path + "/sample.index"
        try IndexWriter.write(contents, to: path)
        let index = try RecommendIndex(path: path)
        #expect(index.metadata == contents.metadata)
        #expect(index.count == contents.articles.count)
        for (i, article) in contents.articles.enumerated() {
            #expect(index.index(of: article.id) == i)
            let summary = index.article(i)
            #expect(summary.id == article.id && summary.title == article.title)
            #expect(summary.category == article.category && summary.url == article.url)
            #expect(summary.published.flatMap(ISO8601Date.parse) == article.published)
            let stored = contents.related.list(of: i)
            let read = try index.related(to: i, limit: 100)
            #expect(read.map(\.article.id) == stored.map { contents.articles[$0.index].id })
            #expect(read.map(\.score) == stored.map(\.score))
        }
        #expect(index.index(of: "no-such-id") == nil)
        #expect(index.index(of: "") == nil)
        let (model, vectors, semantic) = try index.loadModel()
        #expect(model == contents.model)
        #expect(vectors == contents.vectors)
        #expect(semantic != nil && semantic == contents.semantic)
        #expect(try index.related(to: 0, limit: 3).count == 3)
    }

    @Test("the same input gives the same index byte for byte")
    func deterministic() throws {
        let a = try IndexWriter.encode(try Self.contents())
        let b = try IndexWriter.encode(try Self.contents())
        #expect(a == b)
    }

    @Test("a damaged byte in any section is detected when the section is used, never misread")
    func corruption() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let bytes = try IndexWriter.encode(try Self.contents())
        let path = dir.path + "/bad.index"
        // Walk the section table and damage one byte in the middle of each section.
        let count = Int(UInt32(bytes[12]) | UInt32(bytes[13]) << 8)
        var damagedSections = 0
        for s in 0..<count {
            let entry = 32 + s * 32
            let offset = (0..<8).reduce(0) { $0 | Int(bytes[entry + 8 + $1]) << (8 * $1) }
            let length = (0..<8).reduce(0) { $0 | Int(bytes[entry + 16 + $1]) << (8 * $1) }
            guard length > 0 else { continue }
            var damaged = bytes
            damaged[offset + length / 2] ^= 0x5A
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            #expect(throws: IndexFileError.self) { try RecommendIndex(path: path).verify() }
            damagedSections += 1
        }
        #expect(damagedSections == count)
    }

    @Test("truncated, empty, foreign and other-version files each get their own clear error")
    func badFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let bytes = try IndexWriter.encode(try Self.contents())
        let truncated = try dir.write("truncated.index", Array(bytes.prefix(bytes.count - 100)))
        #expect(throws: IndexFileError.truncated(path: truncated, expected: UInt64(bytes.count), actual: UInt64(bytes.count - 100))) {
            try RecommendIndex(path: truncated)
        }
        let empty = try dir.write("empty.index", [])
        #expect(throws: IndexFileError.notAnIndex(path: empty)) { try RecommendIndex(path: empty) }
        let foreign = try dir.write("articles.jsonl", #"{"id": "a", "title": "not an index at all", "body": "x"}"#)
        #expect(throws: IndexFileError.notAnIndex(path: foreign)) { try RecommendIndex(path: foreign) }
        var future = bytes
        future[8] = 99
        let newer = try dir.write("future.index", future)
        #expect(throws: IndexFileError.unsupportedVersion(path: newer, found: 99, supported: IndexFormat.version)) {
            try RecommendIndex(path: newer)
        }
        var header = bytes
        header[20] ^= 1
        let badHeader = try dir.write("header.index", header)
        #expect(throws: IndexFileError.checksumMismatch(path: badHeader, part: "header")) {
            try RecommendIndex(path: badHeader)
        }
        #expect(throws: IndexFileError.self) { try RecommendIndex(path: dir.path + "/missing.index") }
        #expect(throws: IndexFileError.self) { try RecommendIndex(path: dir.path) }
    }

    @Test("writing replaces the file atomically and leaves no temporary file behind")
    func atomicWrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/x.index"
        try dir.write("x.index", "old contents")
        try IndexWriter.write(try Self.contents(), to: path)
        #expect(try RecommendIndex(path: path).count == 200)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["x.index"])
        #expect(throws: IndexFileError.self) { try IndexWriter.write(try Self.contents(), to: "/nonexistent/dir/x.index") }
    }
}
