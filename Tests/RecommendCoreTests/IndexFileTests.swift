import Foundation
import Testing

@testable import RecommendCore
import TestSupport

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
            #expect(try index.index(of: article.id) == i)
            let summary = index.article(i)
            #expect(summary.id == article.id && summary.title == article.title)
            #expect(summary.category == article.category && summary.url == article.url)
            #expect(summary.published.flatMap(ISO8601Date.parse) == article.published)
            let stored = contents.related.list(of: i)
            let read = try index.related(to: i, limit: 100)
            #expect(read.map(\.article.id) == stored.map { contents.articles[$0.index].id })
            #expect(read.map(\.score) == stored.map(\.score))
        }
        #expect(try index.index(of: "no-such-id") == nil)
        #expect(try index.index(of: "") == nil)
        let (model, vectors, semantic, embedding) = try index.loadModel()
        #expect(embedding == nil)
        #expect(model == contents.model)
        #expect(vectors == contents.vectors)
        #expect(semantic != nil && semantic == contents.semantic)
        #expect(try index.related(to: 0, limit: 3).count == 3)
    }

    @Test(
        "a FIFO, a directory or a device given as the index is refused at once, never read",
        .timeLimit(.minutes(1)), arguments: ["fifo", "directory", "/dev/zero"])
    func notRegularFile(_ kind: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var path = kind
        if kind == "fifo" {
            path = dir.file("f.index")
            #expect(mkfifo(path, 0o600) == 0)
        } else if kind == "directory" {
            path = dir.path
        }
        for residence in [RecommendIndex.Residence.mapped, .copied] {
            #expect {
                try RecommendIndex(path: path, residence: residence)
            } throws: { error in
                guard case .unreadable(_, let reason)? = error as? IndexFileError else { return false }
                return reason == "not a regular file"
            }
        }
    }

    @Test("a copied index answers as the mapped one, and truncating the file afterwards changes nothing")
    func copiedResidence() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("s.index")
        try IndexWriter.write(try IndexBuilder().build(articles: try sampleArticles()).contents, to: path)
        let mapped = try RecommendIndex(path: path)
        let expected = try (0..<mapped.count).map { try mapped.related(to: $0, limit: 10).map(\.article.id) }
        let copied = try RecommendIndex(path: path, residence: .copied)
        #expect(truncate(path, 4096) == 0)
        #expect(try (0..<copied.count).map { try copied.related(to: $0, limit: 10).map(\.article.id) } == expected)
        try copied.verify()
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

    /// (tag, offset, length) of every section of an encoded index.
    static func sections(of bytes: [UInt8]) -> [(tag: String, offset: Int, length: Int)] {
        let count = Int(UInt32(bytes[12]) | UInt32(bytes[13]) << 8)
        return (0..<count).map { s in
            let entry = 32 + s * 32
            let offset = (0..<8).reduce(0) { $0 | Int(bytes[entry + 8 + $1]) << (8 * $1) }
            let length = (0..<8).reduce(0) { $0 | Int(bytes[entry + 16 + $1]) << (8 * $1) }
            return (String(decoding: bytes[entry..<(entry + 4)], as: UTF8.self), offset, length)
        }
    }

    /// Every article's related answer (as JSON), or the error that stopped it.
    static func answers(_ path: String, checking: RecommendIndex.Checking, ids: [String]) throws -> [Result<String, IndexFileError>] {
        let index = try RecommendIndex(path: path, checking: checking)
        let ranker = RelatedRanker(index: index, model: nil)
        return ids.map { id in
            do {
                guard let i = try index.index(of: id) else { return .success("unknown") }
                return .success(try JSONCoding.pretty(try ranker.related(to: i, RelatedQuery())))
            } catch let error as IndexFileError {
                return .failure(error)
            } catch {
                return .success("unexpected \(error)")
            }
        }
    }

    @Test("checked on use, a query reads only verified blocks: the same answers, and damage is reported by section")
    func checkedOnUse() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let contents = try Self.contents()
        let bytes = try IndexWriter.encode(contents)
        let path = dir.path + "/lazy.index"
        let ids = contents.articles.map(\.id)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let expected = try Self.answers(path, checking: .onOpen, ids: ids)
        #expect(try Self.answers(path, checking: .onUse, ids: ids).map { try $0.get() } == expected.map { try $0.get() })
        let perArticle: Set = ["IDS_", "IDOR", "TITL", "DATE", "CATG", "URLS", "RIDX", "RSCO", "DUPG", "TOPA", "TOPW"]
        let damagedSections = Self.sections(of: bytes).filter { perArticle.contains($0.tag) && $0.length > 0 }
        #expect(damagedSections.count == perArticle.count)
        for section in damagedSections {
            var damaged = bytes
            damaged[section.offset + section.length / 2] ^= 0x5A
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            let answers = try Self.answers(path, checking: .onUse, ids: ids)
            var failed = 0
            for (answer, good) in zip(answers, expected) {
                switch answer {
                case .success(let text): #expect(text == (try good.get()), "section \(section.tag) misread")
                case .failure(let error):
                    #expect(error == .checksumMismatch(path: path, part: "section \(section.tag)"))
                    failed += 1
                }
            }
            #expect(failed > 0, "section \(section.tag): damage not noticed")
            if section.tag == "RIDX" { #expect(failed < ids.count / 2, "only the lists in the damaged block fail") }
        }
    }

    @Test("damaged block checksums are detected on open")
    func damagedBlockChecksums() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var bytes = try IndexWriter.encode(try Self.contents())
        let blocks = try #require(Self.sections(of: bytes).last)
        #expect(blocks.tag == "BLKS")
        bytes[blocks.offset + blocks.length / 2] ^= 0x5A
        let path = dir.path + "/bad.index"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: IndexFileError.checksumMismatch(path: path, part: "section BLKS")) {
            try RecommendIndex(path: path, checking: .onUse)
        }
    }

    @Test("a string table count damaged past Int.max is refused, not trapped on, checked on use or on open")
    func hugeStringCount() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let bytes = try IndexWriter.encode(try Self.contents())
        let path = dir.path + "/count.index"
        let tables = Self.sections(of: bytes).filter { ["IDS_", "TITL", "CATG", "URLS"].contains($0.tag) }
        #expect(tables.count == 4)
        for table in tables {
            var damaged = bytes
            damaged[table.offset + 7] ^= 0x80  // the top bit of the little-endian string count
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            #expect(throws: IndexFileError.self, "\(table.tag) checked on use") {
                try RecommendIndex(path: path, checking: .onUse)
            }
            #expect(throws: IndexFileError.self, "\(table.tag) checked on open") { try RecommendIndex(path: path) }
            #expect(!IndexVerifier.verify(path).isSound)
        }
    }

    @Test("stored dates at the ends of Int64 are read, formatted and ranked with recency without trapping")
    func extremeDates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var contents = try Self.contents()
        contents.articles[0].published = Int64.min + 1
        contents.articles[1].published = Int64.max
        let path = dir.path + "/dates.index"
        try IndexWriter.write(contents, to: path)
        let index = try RecommendIndex(path: path)
        #expect(index.article(0).published?.hasSuffix("Z") == true)
        #expect(index.article(1).published?.hasSuffix("Z") == true)
        var query = RelatedQuery()
        query.halfLifeDays = 30
        query.withinDays = 365
        let ranker = RelatedRanker(index: index, model: nil)
        for i in [0, 1, 2] {
            _ = try ranker.related(to: i, query)
        }
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
        #expect(throws: OutputError.self) { try IndexWriter.write(try Self.contents(), to: "/nonexistent/dir/x.index") }
    }

    @Test("an index is never renamed over a device, a FIFO, a directory or a link to one: refused, nothing written")
    func refusesSpecialTargets() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fifo = dir.path + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let link = dir.path + "/link"
        #expect(symlink("/dev/null", link) == 0)
        try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: false)
        let contents = try Self.contents()
        for (target, kind) in [("/dev/null", "a character device"), (fifo, "a FIFO"), (link, "a character device"),
                               (dir.path + "/sub", "a directory")] {
            #expect(throws: OutputError.notReplaceable(path: target, kind: kind)) {
                try IndexWriter.write(contents, to: target)
            }
        }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        #expect(lstat(link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["fifo", "link", "sub"])
    }

    @Test("reports and exports go through to a FIFO or a device as to '-', and atomically to a file")
    func writesThroughStreams() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fifo = dir.path + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data() }
        try OutputFile.write(Array("through the pipe\n".utf8), to: fifo)
        #expect(String(decoding: await reader.value, as: UTF8.self) == "through the pipe\n")
        try OutputFile.write(Array("x".utf8), to: "/dev/null")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        try OutputFile.write(Array("file".utf8), to: dir.path + "/out.json")
        #expect(try String(contentsOfFile: dir.path + "/out.json", encoding: .utf8) == "file")
        #expect(throws: OutputError.self) { try OutputFile.write([1], to: dir.path) }
    }
}
