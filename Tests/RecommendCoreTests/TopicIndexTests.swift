import Foundation
import Testing

@testable import RecommendCore
import TestSupport

@Suite struct TopicIndexTests {
    /// Builds the sample corpus into an index file in `directory`.
    func sampleIndex(in directory: TemporaryDirectory, topics: Int? = nil) throws -> (RecommendIndex, IndexContents) {
        var configuration = RecommendConfiguration()
        configuration.topics.count = topics
        let contents = try IndexBuilder(configuration: configuration).build(articles: try sampleArticles()).contents
        let path = directory.path + "/sample.index"
        try IndexWriter.write(contents, to: path)
        return (try RecommendIndex(path: path), contents)
    }

    @Test("topics survive the index file: table, article topics, members by centrality, previous topics")
    func roundTrip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (index, contents) = try sampleIndex(in: directory, topics: 6)
        let stored = try #require(contents.topics)
        #expect(try index.topics() == stored.table.topics)
        for i in 0..<index.count {
            #expect(index.topic(ofArticle: i)?.id == Int(stored.articleTopics[i]))
        }
        let first = try index.topics()[0]
        #expect(try index.topic(named: first.name) == first)
        #expect(try index.topic(named: String(first.id)) == first)
        let members = index.articles(inTopic: first.id)
        #expect(members.count == first.size)
        #expect(zip(members, members.dropFirst()).allSatisfy { $0.centrality >= $1.centrality })
        #expect(members.prefix(first.centralArticles.count).map(\.index) == first.centralArticles)
        let previous = try #require(index.previousTopics())
        #expect(previous.table == stored.table)
        #expect(previous.topicOfArticle.count == stored.articleTopics.count { $0 >= 0 })
    }

    @Test("unknown topics and indexes without topics are named errors")
    func errors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (index, contents) = try sampleIndex(in: directory, topics: 4)
        #expect(throws: QueryError.unknownTopic("t99")) { try index.topic(named: "t99") }
        var old = contents
        old.topics = nil
        let path = directory.path + "/old.index"
        try IndexWriter.write(old, to: path)
        let withoutTopics = try RecommendIndex(path: path)
        #expect(throws: QueryError.noTopics(path: path)) { try withoutTopics.topics() }
        #expect(withoutTopics.topic(ofArticle: 0) == nil)
        #expect(withoutTopics.previousTopics() == nil)
    }

    @Test("an index whose metadata predates topic options still opens")
    func configurationWithoutTopics() throws {
        let json = try JSONCoding.line(RecommendConfiguration())
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        object["topics"] = nil
        let old = try JSONSerialization.data(withJSONObject: object)
        let decoded = try JSONCoding.decode(RecommendConfiguration.self, from: old)
        #expect(decoded.topics == TopicOptions())
    }

    @Test("export writes one {id, cluster} line per article in the evaluate.py format")
    func export() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (index, _) = try sampleIndex(in: directory, topics: 5)
        let path = directory.path + "/clusters.jsonl"
        try TopicExport.write(index, to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == index.count)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["id"] as? String == index.article(0).id)
        #expect(first["cluster"] as? String == index.topic(ofArticle: 0)?.name)
    }
}
