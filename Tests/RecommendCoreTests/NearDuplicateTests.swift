import Foundation
import Testing

@testable import RecommendCore
import TestSupport

@Suite struct NearDuplicateTests {
    @Test("the sample's seven re-filed stories are grouped, and nothing else is")
    func sampleGroups() throws {
        let contents = try IndexBuilder().build(articles: try sampleArticles()).contents
        let groups = try #require(contents.duplicates)
        let ids = groups.groupsWithDuplicates.map { $0.map { contents.articles[$0].id } }
        #expect(
            ids == [
                ["a024", "a025"], ["a030", "a031"], ["a042", "a043"], ["a047", "a048"], ["a050", "a051"],
                ["a066", "a067"], ["a141", "a142"],
            ])
    }

    @Test("groups are transitive and named by their first article")
    func unionFind() {
        // Bodies: 0 = 1 (same text), 1 ~ 2 (same text), 3 apart.
        let body = SparseMatrix(
            rowStart: [0, 1, 2, 3, 4], columns: [0, 0, 0, 1], values: [1, 1, 1, 1], columnCount: 2)
        let title = SparseMatrix(rowStart: [0, 0, 0, 0, 0], columns: [], values: [], columnCount: 2)
        var lists = RelatedLists(count: 4, width: 1)
        lists.set(0, [(1, 1)])
        lists.set(2, [(1, 1)])
        lists.set(3, [(0, 0)])
        let scorer = PairScorer(vectors: FieldVectors(title: title, body: body), model: ScoreModel(titleWeight: 0.15))
        let groups = NearDuplicateGroups.find(related: lists, scorer: scorer, threshold: 0.65)
        #expect(groups.group == [0, 0, 0, 3])
    }

    @Test("groups survive the index file; an index without them reads as all singletons")
    func stored() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let contents = try IndexBuilder().build(articles: try sampleArticles()).contents
        try IndexWriter.write(contents, to: dir.path + "/with.index")
        let with = try RecommendIndex(path: dir.path + "/with.index")
        #expect(try with.duplicateGroup(of: with.index(of: "a067")!) == with.index(of: "a066")!)
        var configuration = RecommendConfiguration()
        configuration.nearDuplicates = nil
        let plain = try IndexBuilder(configuration: configuration).build(articles: try sampleArticles()).contents
        #expect(plain.duplicates == nil)
        try IndexWriter.write(plain, to: dir.path + "/without.index")
        let without = try RecommendIndex(path: dir.path + "/without.index")
        #expect((0..<without.count).allSatisfy { without.duplicateGroup(of: $0) == $0 })
    }
}
