import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct CLITests {
    @Test("recommend --help lists the subcommands")
    func help() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        for command in ["index", "related", "topics", "topic", "export"] { #expect(result.stdout.contains(command)) }
    }

    @Test("index makes topics; topics, topic, related and export show them; a rebuild keeps the ids")
    func topics() throws {
        let directory = try TemporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = directory + "/sample.index"
        let data = packageRoot + "/Data/articles.jsonl"

        let built = try CLI.run(["index", data, "--index", index, "--topics", "6"])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("topics: 6 (asked for)"))

        let list = try CLI.run(["topics", "--index", index])
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("t1  "))
        let json = try CLI.run(["topics", "--index", index, "--json"])
        let topics = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(topics.count == 6)
        #expect((topics[0]["labelTerms"] as? [String])?.isEmpty == false)
        #expect((topics[0]["centralArticles"] as? [[String: Any]])?.count == 5)

        let one = try CLI.run(["topic", "t1", "--index", index, "-k", "3"])
        #expect(one.status == 0)
        #expect(one.stdout.split(separator: "\n").count == 4)
        let missing = try CLI.run(["topic", "t99", "--index", index])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no topic 't99'"))

        let related = try CLI.run(["related", "a001", "--index", index, "-k", "3"])
        #expect(related.status == 0)
        #expect(related.stdout.split(separator: "\n")[1].hasPrefix("topic t"))

        let clusters = directory + "/K.jsonl"
        let lists = directory + "/R.jsonl"
        let export = try CLI.run(["export", "--index", index, "--topics", clusters, "--related", lists])
        #expect(export.status == 0)
        let clusterLines = try String(contentsOfFile: clusters, encoding: .utf8).split(separator: "\n")
        let listLines = try String(contentsOfFile: lists, encoding: .utf8).split(separator: "\n")
        #expect(clusterLines.count == 200 && listLines.count == 200)
        #expect(clusterLines[0].contains("\"cluster\":\"t"))
        let onlyTopics = try CLI.run(["export", "--index", index, "--topics", "-"])
        #expect(onlyTopics.stdout.split(separator: "\n").count == 200)
        #expect(!onlyTopics.stdout.contains("related"))

        let rebuilt = try CLI.run(["index", data, "--index", index, "--topics", "6"])
        #expect(rebuilt.status == 0)
        #expect(rebuilt.stdout.contains("topic changes: kept 6, born 0, died 0"))
    }

    @Test("a --previous index must be readable; an unreadable file at --index is only warned about")
    func previousIndex() throws {
        let directory = try TemporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let index = directory + "/sample.index"
        let data = packageRoot + "/Data/articles.jsonl"
        let missing = try CLI.run(["index", data, "--index", index, "--previous", directory + "/none.index"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("none.index"))
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: index))
        let damaged = try CLI.run(["index", data, "--index", index, "--topics", "3"])
        #expect(damaged.status == 0)
        #expect(damaged.stderr.contains("warning: previous index not used for topic ids"))
        #expect(!damaged.stdout.contains("topic changes"))
    }
}
