import Testing

@testable import RecommendCore

@Suite struct TextSearcherTests {
    @Test("an indexed article's own text finds itself first and then its stored related list")
    func ownText() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = try sampleArticles()
        let (contents, _) = try IndexBuilder().build(articles: articles)
        let path = dir.path + "/s.index"
        try IndexWriter.write(contents, to: path)
        let index = try RecommendIndex(path: path)
        let searcher = try TextSearcher(index: index)
        var overlap = 0
        for i in stride(from: 0, to: articles.count, by: 7) {
            let found = try searcher.related(title: articles[i].title, body: articles[i].body, k: 6)
            #expect(found.first?.article.id == articles[i].id)
            #expect(abs((found.first?.score ?? 0) - 1) < 0.02)
            let stored = Set(try index.related(to: i, limit: 5).map(\.article.id))
            overlap += found.dropFirst().filter { stored.contains($0.article.id) }.count
        }
        // The folded-in latent vector of an indexed text is its stored one up to the SVD's approximation.
        #expect(Double(overlap) / Double(5 * ((articles.count + 6) / 7)) >= 0.9)
    }

    @Test("a draft that shares no indexed term gets an empty list; an empty draft is refused")
    func edgeCases() throws {
        let (contents, _) = try IndexBuilder().build(articles: try sampleArticles())
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try IndexWriter.write(contents, to: dir.path + "/s.index")
        let searcher = try TextSearcher(index: try RecommendIndex(path: dir.path + "/s.index"))
        #expect(try searcher.related(title: "zzqx wwvy", body: "", k: 5).isEmpty)
        #expect(throws: QueryError.emptyText) { try searcher.related(title: " ", body: "\n", k: 5) }
    }
}
