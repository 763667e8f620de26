import Foundation
import RecommendCore
import Testing
import TestSupport

/// Runs the built `recommend` executable, as a user would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The signal that ended the process, if one did (`status` is then the signal's number).
        var signal: Int32? = nil
    }

    /// The `recommend` executable of this build: in the products directory that also holds the test bundle.
    static let executable: String = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var url = bundleDirectory
        while url.path != "/" {
            let candidate = url.appendingPathComponent("recommend")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            url.deleteLastPathComponent()
        }
        return bundleDirectory.appendingPathComponent("recommend").path
    }()

    /// The numbered entries of a printed related list.
    static func entries(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.range(of: #"^ *[0-9]+\. "#, options: .regularExpression) != nil }
    }

    /// A models folder that does not exist: what `RECOMMEND_MODELS` names for every command a test runs unless the
    /// test names another, so that an embedding model installed on the machine does not change what tests expect.
    static let noModels = packageRoot + "/.build/no-models-for-tests"

    /// Runs the executable with `arguments` in `directory`, with `environment` added to this process's (and
    /// `RECOMMEND_MODELS` set to `noModels` unless `environment` sets it).
    static func run(_ arguments: [String], in directory: String = packageRoot, environment: [String: String] = [:])
        throws -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["RECOMMEND_MODELS": noModels]) { $1 }
            .merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self),
            signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
    }
}

/// A class so that each test's folder is removed when the test ends (Swift Testing makes one instance per test).
@Suite(.serialized) final class CommandLineTests: Sendable {
    let directory: String

    init() throws {
        directory = try TemporaryDirectory().path
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    var index: String { directory + "/sample.index" }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("index with no input indexes Data/ and prints a summary and related lists")
    func indexSample() throws {
        let result = try CLI.run(["index", "--index", index, "--show", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("indexed 200 articles"))
        #expect(result.stdout.contains("read 200, indexed 200, skipped 0"))
        #expect(result.stdout.contains("  1. "))
    }

    @Test("query --embedding passes the text's own vector to an index built from a feed's own vectors")
    func queryOwnVector() throws {
        let feed = directory + "/vectors.jsonl"
        let vectors = ["[1, 0, 0]", "[1, 0.1, 0]", "[0, 1, 0]", "[0.1, 1, 0]", "[0, 0, 1]", "[0, 0.1, 1]"]
        let subjects = ["harbour", "railway", "election", "budget", "festival", "weather"]
        var lines = ""
        for (i, vector) in vectors.enumerated() {
            lines +=
                #"{"id": "v\#(i + 1)", "title": "Market report on the \#(subjects[i])", "#
                + #""body": "The weekly market report covers prices and the \#(subjects[i]).", "embedding": \#(vector)}"#
                + "\n"
        }
        try lines.write(toFile: feed, atomically: true, encoding: .utf8)
        let index = directory + "/vectors.index"
        let built = try CLI.run(["index", feed, "--index", index])
        #expect(built.status == 0, "\(built.stderr)")
        func top(_ vector: String) throws -> [String] {
            let run = try CLI.run(
                ["query", "--index", index, "--title", "Market report", "--body", "prices", "-k", "2", "--embedding", vector])
            #expect(run.status == 0, "\(run.stderr)")
            return CLI.entries(run.stdout).map { String($0.split(separator: " ", omittingEmptySubsequences: true)[2]) }
        }
        #expect(Set(try top("[0, 1, 0]")) == ["v3", "v4"])
        #expect(Set(try top("[0, 0, 1]")) == ["v5", "v6"])
        let bad = try CLI.run(["query", "--index", index, "--title", "x", "--embedding", "[1, nope]"])
        #expect(bad.status == 64 && bad.stderr.contains("--embedding must be a list of finite numbers"))
    }

    @Test("the embedding channel is on with an installed model and says so when there is none; query needs the model")
    func embeddingChannel() throws {
        let models = directory + "/models"
        try TestEmbeddingModel.write(to: models, texts: try sampleArticles().flatMap { [$0.title, $0.body] })
        let configured = ["--models", models]
        // The model named by the configuration: an index of the sample with this folder as the models folder.
        let built = try CLI.run(["index", "--index", index] + configured + ["--json"])
        #expect(built.status == 0, "\(built.stderr)")
        // The default model name is not in the folder: the channel is left out, and the run says why.
        #expect(built.stdout.contains("no embedding channel: the embedding model 'wordllama-l2-256' is not installed"))
        let named = try CLI.run(
            ["index", "--index", index, "--embedding-model", TestEmbeddingModel.name] + configured)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.contains("embedding channel: 'test-model' (16 dimensions"), "\(named.stdout)")
        #expect(try CLI.run(["verify", index]).status == 0)
        let query = ["query", "--index", index, "--title", "Dockers strike at Santos port", "-k", "3"]
        let answered = try CLI.run(query + configured)
        #expect(answered.status == 0, "\(answered.stderr)")
        #expect(CLI.entries(answered.stdout).count == 3)
        let missing = try CLI.run(query)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("was built with the embedding model 'test-model'"), "\(missing.stderr)")
        #expect(missing.stderr.contains("which is not loaded"), "\(missing.stderr)")
        // related answers from the stored lists, which need no model.
        #expect(try CLI.run(["related", "a067", "--index", index]).status == 0)
        // The nightly job never rebuilds an index with the channel without its model: it stops, the index stays.
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        let reindex = ["reindex", "--source", packageRoot + "/Data/articles.jsonl", "--index", index]
        let refused = try CLI.run(reindex)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("was built with the embedding model 'test-model'"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == before)
        let rebuilt = try CLI.run(reindex + configured)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try CLI.run(query + configured).status == 0)
        let without = try CLI.run(["index", "--index", index, "--no-embedding"] + configured)
        #expect(without.status == 0 && !without.stdout.contains("embedding channel"))
    }

    @Test("related prints the list for people and for programs; unknown ids and long lists are refused")
    func related() throws {
        _ = try CLI.run(["index", "--index", index])
        let text = try CLI.run(["related", "a067", "--index", index, "-k", "3", "--no-collapse"])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        let entries = CLI.entries(text.stdout)
        #expect(entries.count == 3)
        #expect(lines[0].hasPrefix("a067"))
        #expect(lines[1].hasPrefix("topic "))
        #expect(entries[0].contains("1. ") && entries[0].contains("a066"))
        let collapsed = try CLI.run(["related", "a067", "--index", index, "-k", "3"]).stdout
        #expect(CLI.entries(collapsed).count == 3)
        #expect(collapsed.contains("also published as: a066"))
        #expect(!CLI.entries(collapsed).contains { $0.contains("a066") })
        let json = try CLI.run(["related", "a067", "--index", index, "-k", "5", "--json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let list = try #require(decoded?["related"] as? [[String: Any]])
        #expect(list.count == 5)
        #expect(list.map { $0["rank"] as? Int } == [1, 2, 3, 4, 5])
        let unknown = try CLI.run(["related", "nope", "--index", index])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no article with id 'nope'"))
        let tooMany = try CLI.run(["related", "a067", "--index", index, "-k", "80"])
        #expect(tooMany.status == 1)
        #expect(tooMany.stderr.contains("stores 50"))
    }

    @Test("related applies controls given as flags, and the overrides file beside the index by default")
    func controls() throws {
        _ = try CLI.run(["index", "--index", index])
        let explained = try CLI.run(["related", "a024", "--index", index, "-k", "2", "--explain", "--older-only"])
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.split(separator: "\n").filter { $0.contains("why: ") }.count == 2)
        let json = try CLI.run([
            "related", "a103", "--index", index, "--json", "--same-category", "--half-life", "30", "--mmr", "0.7",
            "--exclude", "a095", "--from", "2026-03-01", "--to", "2026-04-30", "--within-days", "60", "--explain",
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let list = try #require(decoded["related"] as? [[String: Any]])
        #expect(!list.isEmpty)
        for entry in list {
            let article = try #require(entry["article"] as? [String: Any])
            #expect(article["category"] as? String == "business" && article["id"] as? String != "a095")
            let day = try #require(article["published"] as? String).prefix(10)
            #expect(day >= "2026-03-01" && day <= "2026-04-30")
            #expect((1...5).contains(((entry["explanation"] as? [String: Any])?["terms"] as? [Any])?.count ?? 0))
        }
        let overrides = try write(
            "sample.index.overrides.json", #"[{"pin": "a001", "for": "a103", "position": 1}, {"block": "a095"}]"#)
        let pinned = try CLI.run(["related", "a103", "--index", index, "-k", "3"])
        #expect(CLI.entries(pinned.stdout).first?.contains("a001") == true)
        #expect(pinned.stdout.contains("pinned by an editor") && !pinned.stdout.contains("a095"))
        try Data(#"[{"pin": "a001"}]"#.utf8).write(to: URL(fileURLWithPath: overrides))
        let bad = try CLI.run(["related", "a103", "--index", index])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("\(overrides):1: overrides entry 1: a pin needs \"for\""))
        let other = try CLI.run(["related", "a103", "--index", index, "--overrides", directory + "/none.json"])
        #expect(other.status == 1 && other.stderr.contains("cannot read the overrides"))
        let invalid = try CLI.run(["related", "a103", "--index", index, "--same-category", "--other-category"])
        #expect(invalid.status != 0 && invalid.stderr.contains("exclude each other"))
        let lambda = try CLI.run(["related", "a103", "--index", index, "--mmr", "2"])
        #expect(lambda.status != 0 && lambda.stderr.contains("--mmr 2.0: expected a lambda in 0...1"))
        for (arguments, message) in [
            (["-k", "-1"], "-k must be at least 1"), (["--half-life", "-1"], "--half-life -1.0: expected a positive"),
            (["--within-days", "-2"], "--within-days -2.0: expected 0 or more days"),
        ] {
            let negative = try CLI.run(["related", "a103", "--index", index] + arguments)
            #expect(negative.status != 0 && negative.stderr.contains(message), "\(negative.stderr)")
        }
        let window = try CLI.run(["related", "a103", "--index", index, "--from", "2026-05-01", "--to", "2026-04-01"])
        #expect(window.status != 0 && window.stderr.contains("expected a date on or before to"))
    }

    @Test("eval scores the sample as evaluate.py would, and with controls")
    func eval() throws {
        let lists = directory + "/lists.jsonl"
        let result = try CLI.run([
            "eval", "--corpus", "Data/articles.jsonl", "--no-collapse", "--json", "--write-lists", lists,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["articles"] as? Int == 200)
        let related = try #require(report["related"] as? [String: Any])
        #expect(related["queries"] as? Int == 200)
        #expect((related["P@10"] as? Double ?? 0) > 0.7)
        #expect(try String(contentsOfFile: lists, encoding: .utf8).split(separator: "\n").count == 200)
        _ = try CLI.run(["index", "--index", index])
        let text = try CLI.run(["eval", "--corpus", "Data/articles.jsonl", "--index", index, "-k", "5", "--mmr", "0.8"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("P@5 ") && text.stdout.contains("MRR@5 "))
        #expect(text.stdout.contains("counting also-published-as links"))
        // An index of other articles is refused, not scored as if its ids had no labels.
        let corpus = try write("other.jsonl", #"{"id": "a001", "labels": ["x"]}"# + "\n" + #"{"id": "z9", "labels": ["x"]}"#)
        let foreign = try CLI.run(["eval", "--corpus", corpus, "--index", index])
        #expect(foreign.status == 1 && foreign.stderr.contains("199 of its 200 articles are not in \(corpus)"))
        let missing = try CLI.run(["eval", "--corpus", directory + "/none.jsonl"])
        #expect(missing.status == 1)
    }

    @Test("export writes the evaluate.py format, one article a line, best first")
    func export() throws {
        _ = try CLI.run(["index", "--index", index])
        let file = directory + "/related.jsonl"
        let result = try CLI.run(["export", "--index", index, "--related", file, "-k", "10"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 200)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let related = try #require(object["related"] as? [[String: Any]])
            let scores = related.compactMap { $0["score"] as? Double }
            #expect(related.count <= 10 && scores.count == related.count)
            #expect(scores == scores.sorted(by: >))
            #expect(!related.contains { ($0["id"] as? String) == (object["id"] as? String) })
        }
    }

    @Test("bad lines are reported with file and line and the rest is indexed; duplicates stop the run")
    func badInput() throws {
        let feed = try write(
            "feed.jsonl",
            """
            {"id": "x1", "title": "Tram line opens", "body": "The tram line opens in the city"}
            {"id": "x2", "title": "broken
            {"id": "x3", "title": "Tram fares", "body": "Fares on the new tram line"}
            {"id": "x1", "title": "Tram line opens again", "body": "Again"}
            """)
        let failed = try CLI.run(["index", feed, "--index", index])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("\(feed):4: duplicate id 'x1' (first seen at \(feed):1)"))
        #expect(!FileManager.default.fileExists(atPath: index))
        let kept = try CLI.run(["index", feed, "--index", index, "--duplicates", "last-wins"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stderr.contains("\(feed):2: malformed"))
        #expect(kept.stdout.contains("read 4, indexed 2, skipped 2 (malformed 1, duplicate-replaced 1)"))
    }

    @Test("a corrupt index is refused with a clear message; a failed build keeps the previous index")
    func corruptIndex() throws {
        _ = try CLI.run(["index", "--index", index])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: index))
        let before = bytes
        let missing = try CLI.run(["index", directory + "/nothing.jsonl", "--index", index])
        #expect(missing.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == before)
        // Damage the start of the related lists (section RIDX): the list of the first article, a001, which
        // `related a001` reads. `related` checks only the blocks it reads: the last article's list still answers.
        let count = Int(bytes[12]) | Int(bytes[13]) << 8
        let entry = try #require((0..<count).map { 32 + $0 * 32 }.first { bytes[$0..<($0 + 4)].elementsEqual("RIDX".utf8) })
        let offset = (0..<8).reduce(0) { $0 | Int(bytes[entry + 8 + $1]) << (8 * $1) }
        let length = (0..<8).reduce(0) { $0 | Int(bytes[entry + 16 + $1]) << (8 * $1) }
        #expect(length > 8 * 4096)
        bytes[offset] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: index))
        let result = try CLI.run(["related", "a001", "--index", index])
        #expect(result.status == 1)
        #expect(result.stderr.contains("corrupt: checksum mismatch in section RIDX"), "\(result.stderr)")
        let elsewhere = try CLI.run(["related", "a200", "--index", index])
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
    }

    @Test("query answers for unseen text with the index's vocabulary")
    func query() throws {
        _ = try CLI.run(["index", "--index", index])
        let result = try CLI.run([
            "query", "--index", index, "--title", "Dockers strike at Santos port", "--body",
            "Port workers in Santos walked out over automation", "-k", "3", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let decoded = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let list = try #require(decoded?["related"] as? [[String: Any]])
        let titles = list.compactMap { ($0["article"] as? [String: Any])?["title"] as? String }
        #expect(titles.count == 3)
        #expect(titles.allSatisfy { $0.contains("Santos") || $0.contains("port") || $0.contains("dock") })
        let empty = try CLI.run(["query", "--index", index])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("neither a title nor a body"))
    }
}
