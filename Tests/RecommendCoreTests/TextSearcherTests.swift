import Testing

@testable import RecommendCore
import TestSupport

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
        // The projected latent vector of an indexed text is its stored one up to the SVD's approximation.
        #expect(Double(overlap) / Double(5 * ((articles.count + 6) / 7)) >= 0.9)
    }

    @Test("near-duplicates in a text's list are collapsed as in an article's: one entry, the others 'also published as'")
    func collapsesNearDuplicates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = try sampleArticles()
        let (contents, _) = try IndexBuilder().build(articles: articles)
        let path = dir.path + "/s.index"
        try IndexWriter.write(contents, to: path)
        let index = try RecommendIndex(path: path)
        let searcher = try TextSearcher(index: index)
        let i = try #require(articles.firstIndex { $0.id == "a067" })
        let found = try searcher.related(title: articles[i].title, body: articles[i].body, k: 10)
        #expect(found.count == 10)
        let groups = try found.map { index.duplicateGroup(of: try #require(try index.index(of: $0.article.id))) }
        #expect(Set(groups).count == found.count, "\(found.map(\.article.id))")
        #expect(found.first?.article.id == "a067" && found.first?.alsoPublishedAs == ["a066"])
        #expect(found.map(\.rank) == Array(1...10))
        let uncollapsed = try searcher.related(title: articles[i].title, body: articles[i].body, k: 10, collapse: false)
        #expect(uncollapsed.prefix(2).map(\.article.id).sorted() == ["a066", "a067"])
        #expect(uncollapsed.allSatisfy { $0.alsoPublishedAs == nil })
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

    @Test("term projections place a text where its lexical scores against every article do")
    func projection() throws {
        let articles = try sampleArticles()
        let (contents, _) = try IndexBuilder().build(articles: articles)
        let space = try #require(contents.semantic)
        let w = contents.metadata.configuration.weighting.titleWeight
        let vectors = contents.vectors
        let projection = TermProjection(
            space: space, titlePostings: vectors.title.transposed(), bodyPostings: vectors.body.transposed(),
            model: ScoreModel(lexical: contents.metadata.configuration.weighting))
        let draft = contents.model.vectorize(
            title: "Dockers strike at Santos port", body: "Port workers walked out over automation and pay.")
        // x V = Σ_j (x · X_j) E_j Σ⁻², article by article.
        let d = space.dimensions
        var expected = [Double](repeating: 0, count: d)
        for j in 0..<vectors.count {
            let s = w * draft.title.dot(row: 0, with: vectors.title, row: j)
                + (1 - w) * draft.body.dot(row: 0, with: vectors.body, row: j)
            let unit = Array(space.vectors.row(j))
            for k in 0..<d { expected[k] += Double(s * space.norms[j] * unit[k]) }
        }
        for k in 0..<d { expected[k] /= Double(space.singularValues[k] * space.singularValues[k]) }
        let got = projection.coordinates(of: draft, row: 0)
        let scale = expected.map(abs).max() ?? 0
        #expect(scale > 0)
        for k in 0..<d { #expect(abs(Double(got[k]) - expected[k]) <= 1e-4 * scale, "dimension \(k)") }
    }

    @Test("above the exact limit a text is scored against candidates: the same top 10 as scoring every article")
    func candidates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = try sampleArticles()
        var configuration = RecommendConfiguration()
        configuration.similarity.exactBelow = 50
        configuration.similarity.exhaustiveBelow = 100
        configuration.similarity.probes = 4
        let (contents, _) = try IndexBuilder(configuration: configuration).build(articles: articles)
        try IndexWriter.write(contents, to: dir.path + "/s.index")
        let index = try RecommendIndex(path: dir.path + "/s.index")
        let model = try index.loadModel()
        let exact = try TextSearcher(index: index, model: model, exact: true)
        let scanned = try TextSearcher(index: index, model: model)
        let probed = try TextSearcher(index: index, model: model, partitioned: true)
        #expect(exact.exact && !scanned.exact && scanned.cells == nil && probed.cells != nil)
        var found = [0, 0]
        var total = 0
        for i in stride(from: 0, to: articles.count, by: 5) {
            let (title, body) = (articles[i].title, String(articles[i].body.prefix(300)))
            let truth = try exact.related(title: title, body: body, k: 10)
            let scores = Dictionary(uniqueKeysWithValues: truth.map { ($0.article.id, $0.score) })
            for (s, searcher) in [scanned, probed].enumerated() {
                let got = try searcher.related(title: title, body: body, k: 10)
                // Whatever is found carries its exact score.
                for entry in got where scores[entry.article.id] != nil {
                    #expect(abs(entry.score - scores[entry.article.id]!) < 1e-4)
                }
                found[s] += got.filter { scores[$0.article.id] != nil }.count
            }
            total += truth.count
        }
        #expect(Double(found[0]) / Double(total) >= 0.95)
        #expect(Double(found[1]) / Double(total) >= 0.9)
    }
}
