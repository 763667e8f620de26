import Foundation
import Testing

/// Runs the built `recommend` binary (found beside the test bundle) and returns its status and output.
func runRecommend(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = recommendBinary
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
}

/// The `recommend` executable of this build: in the products directory that also holds the test bundle.
let recommendBinary: URL = {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var url = bundleDirectory
    while url.path != "/" {
        let candidate = url.appendingPathComponent("recommend")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        url.deleteLastPathComponent()
    }
    return bundleDirectory.appendingPathComponent("recommend")
}()

/// The package root, found from this file's path (the sample corpus lives in its Data/ folder).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
    }
    return FileManager.default.currentDirectoryPath
}()

/// A fresh directory for one test's files.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "recommend-cli-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite(.serialized) struct CLITests {
    @Test("recommend --help lists the subcommands")
    func help() throws {
        let result = try runRecommend(["--help"])
        #expect(result.status == 0)
        for command in ["index", "related", "topics", "topic", "export"] { #expect(result.output.contains(command)) }
    }

    @Test("index makes topics; topics, topic, related and export show them; a rebuild keeps the ids")
    func topics() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = directory + "/sample.index"
        let data = packageRoot + "/Data/articles.jsonl"

        let built = try runRecommend(["index", data, "--index", index, "--topics", "6"])
        #expect(built.status == 0, "\(built.error)")
        #expect(built.output.contains("topics: 6 (asked for)"))

        let list = try runRecommend(["topics", "--index", index])
        #expect(list.status == 0)
        #expect(list.output.hasPrefix("t1  "))
        let json = try runRecommend(["topics", "--index", index, "--json"])
        let topics = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(topics.count == 6)
        #expect((topics[0]["labelTerms"] as? [String])?.isEmpty == false)
        #expect((topics[0]["centralArticles"] as? [[String: Any]])?.count == 5)

        let one = try runRecommend(["topic", "t1", "--index", index, "-k", "3"])
        #expect(one.status == 0)
        #expect(one.output.split(separator: "\n").count == 4)
        let missing = try runRecommend(["topic", "t99", "--index", index])
        #expect(missing.status == 1)
        #expect(missing.error.contains("no topic 't99'"))

        let related = try runRecommend(["related", "a001", "--index", index, "-k", "3"])
        #expect(related.status == 0)
        #expect(related.output.split(separator: "\n")[1].hasPrefix("topic t"))

        let clusters = directory + "/K.jsonl"
        let lists = directory + "/R.jsonl"
        let export = try runRecommend(["export", "--index", index, "--topics", clusters, "--related", lists])
        #expect(export.status == 0)
        let clusterLines = try String(contentsOfFile: clusters, encoding: .utf8).split(separator: "\n")
        let listLines = try String(contentsOfFile: lists, encoding: .utf8).split(separator: "\n")
        #expect(clusterLines.count == 200 && listLines.count == 200)
        #expect(clusterLines[0].contains("\"cluster\":\"t"))
        let onlyTopics = try runRecommend(["export", "--index", index, "--topics", "-"])
        #expect(onlyTopics.output.split(separator: "\n").count == 200)
        #expect(!onlyTopics.output.contains("related"))

        let rebuilt = try runRecommend(["index", data, "--index", index, "--topics", "6"])
        #expect(rebuilt.status == 0)
        #expect(rebuilt.output.contains("topic changes: kept 6, born 0, died 0"))
    }

    @Test("a --previous index must be readable; an unreadable file at --index is only warned about")
    func previousIndex() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = directory + "/sample.index"
        let data = packageRoot + "/Data/articles.jsonl"
        let missing = try runRecommend(["index", data, "--index", index, "--previous", directory + "/none.index"])
        #expect(missing.status == 1)
        #expect(missing.error.contains("none.index"))
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: index))
        let damaged = try runRecommend(["index", data, "--index", index, "--topics", "3"])
        #expect(damaged.status == 0)
        #expect(damaged.error.contains("warning: previous index not used for topic ids"))
        #expect(!damaged.output.contains("topic changes"))
    }
}
