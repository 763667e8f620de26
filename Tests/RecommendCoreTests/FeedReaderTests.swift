import Foundation
import TestSupport
import Testing

@testable import RecommendCore

@Suite struct FeedReaderTests {
    /// Compresses `file` with the system's gzip into `file.gz` (cut after `keepingBytes`, if given) and returns
    /// that path.
    static func gzip(_ file: String, keepingBytes: Int? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let cut = keepingBytes.map { " | head -c \($0)" } ?? ""
        process.arguments = ["-c", "gzip -c '\(file)'\(cut) > '\(file).gz'"]
        try process.run()
        process.waitUntilExit()
        return file + ".gz"
    }

    @Test(
        "a value of the wrong type or an unpaired surrogate is never a silently empty field",
        arguments: [
            (
                #"{"id": "b", "title": "t", "body": "\ud800A strike at the port"}"#, "replaced-character",
                "\u{FFFD}A strike"
            ),
            (#"{"id": "b", "title": "t", "body": "tail \udc00"}"#, "replaced-character", "tail \u{FFFD}"),
            (#"{"id": "b", "title": "t", "body": "pair \ud83d\ude00 and \\ud800 as text"}"#, "", "pair 😀 and \\ud800"),
            (#"{"id": "b", "title": 5, "body": "text"}"#, "field 'title'", ""),
            (#"{"id": "b", "title": "t", "body": ["x"]}"#, "field 'body'", ""),
            (#"{"id": "b", "title": "t", "body": "x", "published": 20260314}"#, "field 'published'", ""),
            (#"{"id": "b", "title": "t", "body": "x", "labels": 5}"#, "field 'labels'", ""),
            (#"{"id": 1.5, "title": "t", "body": "x"}"#, "field 'id'", ""),
            (#"{"id": true, "title": "t", "body": "x"}"#, "field 'id'", ""),
        ])
    func noSilentlyEmptyField(_ line: String, _ issue: String, _ bodyPrefix: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = #"{"id": "g", "title": "Good", "body": "kept"}"#
        let file = try dir.write("feed.jsonl", line + "\n" + good + "\n")
        let (articles, report) = try FeedReader().read([file])
        #expect(articles.last?.id == "g")
        if bodyPrefix.isEmpty {
            #expect(articles.map(\.id) == ["g"])
            #expect(report.issues.count == 1 && report.issues[0].reason == .malformed)
            #expect(report.issues.first?.detail.hasPrefix(issue) == true, "\(report.issues)")
            #expect(report.issues.first?.location.line == 1)
        } else {
            #expect(articles.count == 2 && articles[0].body.hasPrefix(bodyPrefix), "\(articles)")
            #expect(report.issues.map(\.reason.rawValue) == (issue.isEmpty ? [] : [issue]))
        }
    }

    @Test(
        "a UTF-16 or UTF-32 feed is refused naming its encoding, never indexed as garbage",
        arguments: [
            ("a.jsonl", String.Encoding.utf16LittleEndian, true, "UTF-16LE"),
            ("a.jsonl", .utf16BigEndian, true, "UTF-16BE"),
            ("a.jsonl", .utf16LittleEndian, false, "UTF-16 or UTF-32"),
            ("a.csv", .utf32LittleEndian, true, "UTF-32LE"),
            ("a.csv", .utf16BigEndian, false, "UTF-16 or UTF-32"),
        ])
    func otherEncodings(_ name: String, _ encoding: String.Encoding, _ mark: Bool, _ expected: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text =
            name.hasSuffix(".csv")
            ? "id,title,body\na1,Port strike,Dockers walk out\n"
            : #"{"id": "a1", "title": "Port strike", "body": "x"}"# + "\n"
        var bytes = Array(try #require(text.data(using: encoding)))
        let bom: [UInt8] =
            switch encoding {
            case .utf16LittleEndian: [0xFF, 0xFE]
            case .utf16BigEndian: [0xFE, 0xFF]
            default: [0xFF, 0xFE, 0, 0]
            }
        if mark { bytes = bom + bytes }
        let file = try dir.write(name, bytes)
        #expect {
            try FeedReader().read([file])
        } throws: { error in
            guard case .unreadable(let path, let reason)? = error as? FeedError else { return false }
            return path == file && reason.contains(expected) && reason.contains("UTF-8")
        }
    }

    @Test("every kind of bad line is skipped with file, line and reason; the good lines all survive")
    func badLines() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var bytes = Array(
            """
            {"id": "a1", "title": "First", "body": "Body one", "published": "2026-03-14T09:30:00Z", "category": "world"}
            {"id": "a2", "title": "Second", "body": "Body two
            {"title": "No id here", "body": "text"}
            {"id": "a4", "title": "", "body": "   "}

            {"id": 5, "title": "Numeric id", "body": "kept", "labels": ["x", "y"], "extra": {"ignored": true}}
            {"id": "a6", "title": "Bad date", "body": "kept", "published": "14/03/2026"}
            [1, 2, 3]

            """.utf8)
        bytes += [0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A]  // {"id":"\xff\xfe"}
        bytes += Array(#"{"id": "a9", "title": "Last", "body": "still read"}"#.utf8)
        let file = try dir.write("feed.jsonl", bytes)
        let (articles, report) = try FeedReader().read([file])
        #expect(articles.map(\.id) == ["a1", "5", "a6", "a9"])
        #expect(report.linesRead == 9)
        #expect(report.articlesAccepted == 4)
        let found = report.issues.map { "\($0.location.line) \($0.reason.rawValue)" }
        #expect(
            found == ["2 malformed", "3 missing-id", "4 empty-text", "7 bad-date", "8 malformed", "9 invalid-utf8"])
        #expect(report.issues.allSatisfy { $0.location.file == file })
        #expect(report.skipped == 5)
        #expect(report.summary.contains("skipped 5"))
        #expect(articles[0].published == 1_773_480_600)
        #expect(articles[0].category == "world")
        #expect(articles[1].labels == ["x", "y"] && articles[1].category == nil)
        #expect(articles[2].published == nil)
    }

    @Test("a feed read in blocks (parsed while the next is read) gives exactly what it gives read whole")
    func blocks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var lines = (0..<40).map { #"{"id": "b\#($0)", "title": "Title \#($0)", "body": "Body \#($0)"}"# }
        lines[3] = #"{"id": "b3", "title": "Broken"#
        lines[9] = ""
        lines[10] = "   "
        lines[17] = #"{"id": "b17", "title": "Long", "body": ""# + String(repeating: "word ", count: 400) + #""}"#
        lines[22] = #"{"title": "No id"}"#
        lines[30] += "\r"
        let text = lines.joined(separator: "\n")  // no line break after the last line
        let file = try dir.write("f.jsonl", text)
        let whole = JSONLinesParser.parse(Array(text.utf8), file: file)
        #expect(whole.count == 38)
        #expect(whole.compactMap(\.article).count == 36)
        #expect(whole.flatMap(\.issues).map(\.location.line) == [4, 23])
        for blockSize in [1, 7, 64, 1_000, 1 << 20] {
            let streamed = try JSONLinesParser.parse(file: file, blockSize: blockSize)
            #expect(streamed.map(\.location) == whole.map(\.location), "block size \(blockSize)")
            #expect(streamed.map(\.article) == whole.map(\.article), "block size \(blockSize)")
            #expect(streamed.map(\.issues) == whole.map(\.issues), "block size \(blockSize)")
        }
        let empty = try dir.write("empty.jsonl", "")
        #expect(try JSONLinesParser.parse(file: empty, blockSize: 16).isEmpty)
    }

    @Test("a truncated gzip stream stops the read with the file and zlib's reason, whole or in blocks")
    func truncatedGzip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var random = SeededRandom(seed: 5)
        let text = (0..<2_000).map { i in
            #"{"id": "t\#(i)", "title": "T", "body": "\#((0..<20).map { _ in String(random.next() % 100_000) }.joined(separator: " "))"}"#
        }.joined(separator: "\n")
        try dir.write("t.jsonl", text)
        let file = try Self.gzip(dir.file("t.jsonl"), keepingBytes: 30_000)
        for read in [
            { _ = try FeedReader().read([file]) }, { _ = try JSONLinesParser.parse(file: file, blockSize: 512) },
        ] {
            do {
                try read()
                Issue.record("a truncated file was read without an error")
            } catch let error as FeedError {
                guard case .unreadable(let name, let reason) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(name == file)
                #expect(!reason.isEmpty)
            }
        }
    }

    @Test("a duplicate id stops the run naming both lines, or the last one wins when asked")
    func duplicates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write(
            "dup.jsonl",
            """
            {"id": "a", "title": "one", "body": "x"}
            {"id": "b", "title": "two", "body": "x"}
            {"id": "a", "title": "three", "body": "x"}
            """)
        #expect(
            throws: FeedError.duplicateID(
                id: "a", first: FeedLocation(file: file, line: 1), second: FeedLocation(file: file, line: 3))
        ) {
            try FeedReader().read([file])
        }
        let (articles, report) = try FeedReader(duplicates: .lastWins).read([file])
        #expect(articles.map(\.title) == ["three", "two"])
        #expect(report.issues.map(\.reason) == [.duplicateReplaced])
        #expect(report.issues[0].location.line == 1)
    }

    @Test("CSV with quoted fields, embedded line breaks and a BOM; records report their first line")
    func csv() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write(
            "feed.csv",
            "\u{FEFF}id,title,body,published,labels\r\n"
                + "c1,\"Quoted, title\",\"Body with \"\"quotes\"\"\nand a second line\",2026-01-02,politics|world\r\n"
                + "c2,Plain,Body,,\n"
                + "c3,Too,few\n"
                + ",No id,Body,,\n")
        let (articles, report) = try FeedReader().read([file])
        #expect(articles.map(\.id) == ["c1", "c2"])
        #expect(articles[0].title == "Quoted, title")
        #expect(articles[0].body == "Body with \"quotes\"\nand a second line")
        #expect(articles[0].labels == ["politics", "world"])
        #expect(report.issues.map { "\($0.location.line) \($0.reason.rawValue)" } == ["5 malformed", "6 missing-id"])
    }

    @Test("CSV embeddings: a quoted list of numbers per record, empty for none; a bad list skips its record")
    func csvEmbeddings() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write(
            "feed.csv",
            "id,title,body,embedding\n"
                + "e1,One,Body,\"[0.5, -1, 2]\"\n"
                + "e2,Two,Body,\n"
                + "e3,Three,Body,\"[1, x]\"\n"
                + "e4,Four,Body,\"[1, 2]\"\n")
        let (articles, report) = try FeedReader().read([file])
        #expect(articles.map(\.id) == ["e1", "e2"])
        #expect(articles[0].embedding == [0.5, -1, 2] && articles[1].embedding == nil)
        // e3's list is not numbers; e4's is shorter than the feed's first.
        #expect(report.issues.map { "\($0.location.line) \($0.reason.rawValue)" } == ["4 malformed", "5 malformed"])
    }

    @Test(
        "a CSV record with an unbalanced quote is skipped with its line; reading resumes at the next line",
        arguments: [
            ("x1,\"unterminated title,body\n", "after the closing quote"),
            ("x1,\"Closed\" early,body\n", "after the closing quote"),
            ("x1,\"unterminated title,body one. Sentence two\nx9,Stray,row\n", "after the closing quote"),
        ])
    func csvUnbalancedQuote(_ bad: String, _ reason: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write(
            "feed.csv",
            "id,title,body\n" + "c1,First,Body one\n" + bad
                + "c2,Second,\"Body two, with \"\"quotes\"\"\nover two lines\"\n"
                + "c3,Third,Body three\n")
        let (articles, report) = try FeedReader().read([file])
        let extra = bad.contains("x9") ? ["x9"] : []
        #expect(articles.map(\.id) == ["c1"] + extra + ["c2", "c3"], "\(report.issues)")
        #expect(articles.first { $0.id == "c2" }?.body == "Body two, with \"quotes\"\nover two lines")
        #expect(report.issues.map { "\($0.location.line) \($0.reason.rawValue)" } == ["3 malformed"])
        #expect(report.issues.first?.detail.contains(reason) == true, "\(report.issues)")
    }

    @Test("a quote still open at the end of a CSV file loses only its own record")
    func csvQuoteOpenAtEnd() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write(
            "feed.csv", "id,title,body\nc1,First,Body one\nx1,\"never closed,body\nc2,Second,Body two\n")
        let (articles, report) = try FeedReader().read([file])
        #expect(articles.map(\.id) == ["c1", "c2"])
        #expect(report.issues.map { "\($0.location.line) \($0.reason.rawValue)" } == ["3 malformed"])
        #expect(report.issues.first?.detail.contains("never closes") == true, "\(report.issues)")
    }

    @Test("labels never stand in for a missing category, in JSON Lines or CSV")
    func categoryNotFromLabels() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let jsonl = try dir.write(
            "feed.jsonl",
            #"{"id": "j1", "title": "t", "body": "b", "labels": ["politics", "world"]}"# + "\n"
                + #"{"id": "j2", "title": "t", "body": "b", "category": "sport", "labels": ["x"]}"# + "\n")
        let csv = try dir.write("feed.csv", "id,title,body,category,labels\nc1,t,b,,politics|world\nc2,t,b,sport,x\n")
        let articles = try FeedReader().read([jsonl, csv]).articles
        #expect(articles.map(\.category) == [nil, "sport", nil, "sport"])
        #expect(
            articles.map(\.labels) == [
                ["politics", "world"], ["x", "sport"], ["politics", "world"], ["x", "sport"],
            ])
    }

    @Test("a CSV without an id column is refused")
    func csvWithoutID() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("x.csv", "title,body\nA,B\n")
        #expect(throws: FeedError.missingColumn(file: file, column: "id")) { try FeedReader().read([file]) }
    }

    @Test("gzip input reads the same as plain; directories expand to their feed files")
    func gzipAndDirectories() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = (0..<50).map { #"{"id": "g\#($0)", "title": "Title \#($0)", "body": "Body"}"# }.joined(
            separator: "\n")
        try dir.write("a.jsonl", text)
        let compressed = try Self.gzip(dir.file("a.jsonl"))
        try dir.write("notes.txt", "not a feed")
        let plain = try FeedReader().read([dir.path + "/a.jsonl"]).articles
        let zipped = try FeedReader().read([compressed]).articles
        #expect(plain.count == 50)
        #expect(plain == zipped)
        #expect(try FeedReader(duplicates: .lastWins).read([dir.path]).articles.count == 50)
    }

    @Test("missing files and unknown formats stop with a clear error")
    func unreadable() throws {
        #expect(throws: FeedError.unreadable(file: "/nonexistent/x.jsonl", reason: "no such file or directory")) {
            try FeedReader().read(["/nonexistent/x.jsonl"])
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("feed.xml", "<rss/>")
        #expect(throws: FeedError.unknownFormat(file: file)) { try FeedReader().read([file]) }
    }

    @Test(
        "ISO 8601 dates in the forms feeds use",
        arguments: [
            ("2026-03-14", Int64(1_773_446_400)),
            ("2026-03-14T09:30:00Z", 1_773_480_600),
            ("2026-03-14T09:30Z", 1_773_480_600),
            ("2026-03-14T11:30:00.250+02:00", 1_773_480_600),
            ("2026-03-14 09:30:00", 1_773_480_600),
            ("1969-12-31T23:59:59Z", -1),
            ("0001-01-01T00:00:00Z", -62_135_596_800),
            ("1500-03-01T00:00:00Z", -14_826_672_000),
        ])
    func dates(_ text: String, _ seconds: Int64) {
        #expect(ISO8601Date.parse(text) == seconds)
        #expect(ISO8601Date.parse(ISO8601Date.format(seconds)) == seconds)
        #expect(ISO8601Date.format(seconds) == text || text.count != 20)
    }

    @Test(
        "malformed dates are rejected", arguments: ["2026-02-30", "2026-13-01", "14/03/2026", "2026-03-14T25:00", ""])
    func badDates(_ text: String) {
        #expect(ISO8601Date.parse(text) == nil)
    }
}
