import Foundation
import Testing

@testable import RecommendCore
import TestSupport

/// The embedding channel through the build pipeline, the index file, texts and incremental updates, with a model
/// the tests write (`TestEmbeddingModel`); the score it gives is checked against its definition in
/// `SimilarityEngineTests`.
@Suite struct EmbeddingChannelTests {
    static let embedder = try! TestEmbeddingModel.sampleEmbedder()

    static func build(_ articles: [Article], embedder: ArticleEmbedder? = Self.embedder) throws -> (
        contents: IndexContents, report: BuildReport
    ) {
        try IndexBuilder(embedder: embedder.map { .success($0) } ?? .failure(.notInstalled(model: "m", directory: "/x")))
            .build(articles: articles)
    }

    @Test("vectors are projected on the strongest principal axes of the centred embeddings; texts are placed alike")
    func principalAxes() throws {
        let articles = try sampleArticles()
        let raw = Self.embedder.embed(articles)
        let space = EmbeddingSpace(model: Self.embedder.identity, embeddings: raw, axes: 4)
        let axes = try #require(space.axes)
        #expect(axes.rows == 4 && axes.columns == 16 && space.dimensions == 4)
        // Orthonormal axes.
        for a in 0..<4 {
            for b in 0..<4 {
                let dot = zip(axes.row(a), axes.row(b)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                #expect(abs(dot - (a == b ? 1 : 0)) < 1e-4)
            }
        }
        // The first axis carries the most spread: the variance of the projections falls axis by axis.
        let variances = (0..<4).map { a in (0..<articles.count).reduce(Float(0)) { $0 + pow(space.vectors.row($1)[space.vectors.row($1).startIndex + a], 2) } }
        #expect(variances[0] >= variances[3])
        for i in [0, 66, 199] {
            #expect(zip(space.place(Array(raw.row(i))), space.vectors.row(i)).allSatisfy { abs($0 - $1) < 1e-5 })
            // A unit vector's projection: the cosines with the weakest directions left out.
            let length = space.vectors.row(i).reduce(Float(0)) { $0 + $1 * $1 }
            #expect(length > 0 && length <= 1 + 1e-4)
        }
        let grown = space.appending(DenseMatrix(rows: 1, columns: 16, storage: Array(raw.row(5))))
        #expect(grown.axes == space.axes && Array(grown.vectors.row(articles.count)) == space.place(Array(raw.row(5))))
        // Through the file: the axes are stored, and the index reads back equal.
        var configuration = RecommendConfiguration()
        configuration.embedding?.dimensions = 4
        let contents = try IndexBuilder(configuration: configuration, embedder: .success(Self.embedder))
            .build(articles: articles).contents
        #expect(contents.metadata.embeddingAxes == 4 && contents.embedding?.dimensions == 4)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try IndexWriter.write(contents, to: dir.path + "/p.index")
        #expect(try RecommendIndex(path: dir.path + "/p.index").contents() == contents)
    }

    @Test("a build given no model at all says so too")
    func noModelGiven() throws {
        let report = try IndexBuilder().build(articles: try sampleArticles()).report
        #expect(report.embedding == nil)
        #expect(report.adjustments == ["no embedding channel: no embedding model was given"])
    }

    @Test("a build with the model stores the channel; the file reads back equal and names the model")
    func stored() throws {
        let articles = try sampleArticles()
        let (contents, report) = try Self.build(articles)
        let space = try #require(contents.embedding)
        #expect(space.model == Self.embedder.identity && report.embedding == Self.embedder.identity)
        #expect(contents.metadata.embedding == Self.embedder.identity)
        #expect(contents.metadata.configuration.embedding?.model == TestEmbeddingModel.name)
        #expect(space.vectors.rows == articles.count && space.dimensions == 16)
        // Each vector is the model's embedding of "headline. lead", centred on their mean and made unit length.
        let raw = Self.embedder.embed(articles)
        for i in [0, 66, 199] {
            let centred = zip(raw.row(i), space.mean).map { $0 - $1 }
            let norm = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(zip(space.vectors.row(i), centred).allSatisfy { abs($0 - $1 / norm) < 1e-5 })
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/e.index"
        try IndexWriter.write(contents, to: path)
        #expect(try RecommendIndex(path: path).contents() == contents)
        #expect(IndexVerifier.verify(path).isSound)
    }

    @Test("without the model a build leaves the channel out, says why, and stores a configuration without it")
    func missingModel() throws {
        let (contents, report) = try Self.build(try sampleArticles(), embedder: nil)
        #expect(contents.embedding == nil && contents.metadata.embedding == nil)
        #expect(contents.metadata.configuration.embedding == nil)
        #expect(report.embedding == nil)
        #expect(
            report.adjustments.first?.hasPrefix("no embedding channel: the embedding model 'm' is not installed in /x")
                == true, "\(report.adjustments)")
        // The lists are the lexical and latent ones: the same as with the channel switched off.
        var off = RecommendConfiguration()
        off.embedding = nil
        #expect(try IndexBuilder(configuration: off).build(articles: try sampleArticles()).contents == contents)
    }

    @Test("explanations name the channel's part, and with the term and topic parts it makes the pair score")
    func explanations() throws {
        let articles = try sampleArticles()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/e.index"
        try IndexWriter.write(try Self.build(articles).contents, to: path)
        let index = try RecommendIndex(path: path)
        let ranker = try RelatedRanker(index: index, loadingVectors: true)
        let scorer = try #require(ranker.scorer)
        var query = RelatedQuery()
        query.explain = true
        query.limit = 5
        let response = try ranker.related(to: 66, query)
        #expect(response.related.count == 5)
        for entry in response.related {
            let explanation = try #require(entry.explanation)
            let meaning = try #require(explanation.meaning)
            let topic = try #require(explanation.topic)
            #expect(meaning.term == "(meaning)" && topic.term == "(topic)")
            #expect(abs(explanation.similarity - entry.score) < 1e-4)
            // Every shared term's contribution plus the two dense parts is the score.
            let j = try #require(try index.index(of: entry.article.id))
            let terms = scorer.contributions(66, j).reduce(0) { $0 + $1.contribution }
            #expect(abs(terms + meaning.contribution + topic.contribution - entry.score) < 1e-4)
            #expect(meaning.contribution != 0)
        }
    }

    @Test("a text is embedded by the index's model; without it, or with another model, the searcher refuses")
    func texts() throws {
        let articles = try sampleArticles()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/e.index"
        try IndexWriter.write(try Self.build(articles).contents, to: path)
        let index = try RecommendIndex(path: path)
        let other = try TestEmbeddingModel.sampleEmbedder(seed: 2)
        #expect(other.identity.fingerprint != Self.embedder.identity.fingerprint)
        for wrong in [nil, other] {
            #expect(
                throws: EmbeddingError.otherModel(index: path, built: Self.embedder.identity, found: wrong?.identity)
            ) { try TextSearcher(index: index, embedder: wrong) }
        }
        let searcher = try TextSearcher(index: index, embedder: Self.embedder)
        for i in stride(from: 0, to: articles.count, by: 9) {
            let found = try searcher.related(title: articles[i].title, body: articles[i].body, k: 3)
            #expect(found.first?.article.id == articles[i].id)
        }
        // The index's model is found by name and fingerprint in a models folder.
        let models = try TemporaryDirectory()
        defer { models.remove() }
        try TestEmbeddingModel.write(to: models.path, texts: articles.flatMap { [$0.title, $0.body] })
        #expect(try ArticleEmbedder.load(forIndex: index.metadata, at: path, in: models.path)?.identity == Self.embedder.identity)
        #expect(throws: EmbeddingError.otherModel(index: path, built: Self.embedder.identity, found: nil)) {
            try ArticleEmbedder.load(forIndex: index.metadata, at: path, in: dir.path)
        }
    }

    @Test("an update embeds the new articles on the previous mean, and refuses to run without the same model")
    func update() throws {
        let articles = try sampleArticles()
        let previous = try Self.build(Array(articles.prefix(190))).contents
        let builder = IndexBuilder(embedder: .success(Self.embedder))
        let (next, report) = try builder.update(previous, articles: articles)
        #expect(report.mode == .incremental && report.added == 10)
        let before = try #require(previous.embedding)
        let after = try #require(next.embedding)
        #expect(after.mean == before.mean && after.model == before.model)
        #expect(Array(after.vectors.storage.prefix(before.vectors.storage.count)) == before.vectors.storage)
        let added = Self.embedder.embed(Array(articles.suffix(10)))
        for k in 0..<10 {
            let placed = before.place(Array(added.row(k)))
            #expect(zip(after.vectors.row(190 + k), placed).allSatisfy { abs($0 - $1) < 1e-6 })
        }
        for wrong in [Result<ArticleEmbedder, EmbeddingError>.failure(.notInstalled(model: "m", directory: "/x")),
            .success(try TestEmbeddingModel.sampleEmbedder(seed: 2))]
        {
            #expect(throws: EmbeddingError.self) {
                try IndexBuilder(embedder: wrong).update(previous, articles: articles)
            }
        }
    }
}

/// Vectors a site computes itself, carried by the feed (`embedding`).
@Suite struct FeedVectorTests {
    /// The sample articles carrying the test model's embeddings as their own vectors.
    static func articlesWithVectors() throws -> [Article] {
        let articles = try sampleArticles()
        let vectors = EmbeddingChannelTests.embedder.embed(articles)
        return articles.enumerated().map { i, article in
            var article = article
            article.embedding = Array(vectors.row(i))
            return article
        }
    }

    @Test("a feed's vectors are read, checked for type and length, and a bad one skips its line only")
    func reading() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let feed = try dir.write(
            "v.jsonl",
            """
            {"id": "a", "title": "Port strike", "body": "Dockers walk out.", "embedding": [0.5, -1, 2e-1]}
            {"id": "b", "title": "Port deal", "body": "Strike ends.", "embedding": [1, 0]}
            {"id": "c", "title": "Port", "body": "Cranes arrive.", "embedding": "0.1 0.2"}
            {"id": "d", "title": "Port", "body": "Ships queue.", "embedding": []}
            {"id": "e", "title": "Port", "body": "Union votes."}
            {"id": "f", "title": "Port", "body": "Terminal shut.", "embedding": [0, 0, 1]}

            """)
        let (articles, report) = try FeedReader().read([feed])
        #expect(articles.map(\.id) == ["a", "e", "f"])
        #expect(articles[0].embedding == [0.5, -1, 0.2] && articles[1].embedding == nil)
        let messages = report.issues.map(\.description)
        #expect(messages.contains { $0.contains("v.jsonl:2") && $0.contains("'embedding' has 2 numbers, but the first one (") && $0.contains("v.jsonl:1) has 3") }, "\(messages)")
        #expect(messages.contains { $0.contains("v.jsonl:3") && $0.contains("embedding") }, "\(messages)")
        #expect(messages.contains { $0.contains("v.jsonl:4") && $0.contains("embedding") }, "\(messages)")
        #expect(report.skipped == 3)
    }

    @Test("an index of a feed's vectors ranks as the same vectors from the model do, and needs no model")
    func sameAsModel() throws {
        let articles = try Self.articlesWithVectors()
        let fromFeed = try IndexBuilder().build(articles: articles)
        let fromModel = try EmbeddingChannelTests.build(try sampleArticles())
        let space = try #require(fromFeed.contents.embedding)
        #expect(space.model == .feed(dimensions: 16) && fromFeed.report.adjustments.isEmpty)
        #expect(fromFeed.contents.metadata.configuration.embedding?.model == "(feed)")
        let other = try #require(fromModel.contents.embedding)
        #expect(zip(space.vectors.storage, other.vectors.storage).allSatisfy { abs($0 - $1) < 1e-5 })
        for i in [0, 66, 150] {
            #expect(fromFeed.contents.related.list(of: i).map(\.index) == fromModel.contents.related.list(of: i).map(\.index))
        }
        // A text finds itself with its own vector, without a model; a vector of another length is refused.
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try IndexWriter.write(fromFeed.contents, to: dir.path + "/f.index")
        let searcher = try TextSearcher(index: try RecommendIndex(path: dir.path + "/f.index"))
        let found = try searcher.related(
            title: articles[5].title, body: articles[5].body, k: 3, embedding: articles[5].embedding)
        #expect(found.first?.article.id == articles[5].id)
        #expect(throws: QueryError.self) {
            try searcher.related(title: "port", body: "", k: 3, embedding: [1, 2, 3])
        }
    }

    @Test("projected on principal axes, a feed's vectors still update incrementally and place a text's own vector")
    func projectedUpdates() throws {
        let articles = try Self.articlesWithVectors()
        var configuration = RecommendConfiguration()
        configuration.embedding?.dimensions = 4
        let previous = try IndexBuilder(configuration: configuration).build(articles: Array(articles.prefix(190))).contents
        let space = try #require(previous.embedding)
        #expect(space.dimensions == 4 && space.model.dimensions == 16)
        let (next, report) = try IndexBuilder().update(previous, articles: articles)
        #expect(report.mode == .incremental && report.added == 10, "\(report.fallback ?? "")")
        let after = try #require(next.embedding)
        #expect(zip(after.vectors.row(195), space.place(articles[195].embedding!)).allSatisfy { abs($0 - $1) < 1e-6 })
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try IndexWriter.write(previous, to: dir.path + "/p.index")
        let searcher = try TextSearcher(index: try RecommendIndex(path: dir.path + "/p.index"))
        let found = try searcher.related(
            title: articles[5].title, body: articles[5].body, k: 3, embedding: articles[5].embedding)
        #expect(found.first?.article.id == articles[5].id)
    }

    @Test("articles without a vector have no embedding part; an update takes the new vectors and a changed one makes it full")
    func updates() throws {
        var articles = try Self.articlesWithVectors()
        articles[7].embedding = nil
        let previous = try IndexBuilder().build(articles: Array(articles.prefix(190))).contents
        let space = try #require(previous.embedding)
        #expect(space.vectors.row(7).allSatisfy { $0 == 0 })
        let (next, report) = try IndexBuilder().update(previous, articles: articles)
        #expect(report.mode == .incremental && report.added == 10)
        let after = try #require(next.embedding)
        let placed = space.place(Array(EmbeddingChannelTests.embedder.embed([articles[195]]).row(0)))
        #expect(zip(after.vectors.row(195), placed).allSatisfy { abs($0 - $1) < 1e-5 })
        var changed = articles
        changed[3].embedding = changed[4].embedding
        let (full, fallback) = try IndexBuilder().update(previous, articles: changed)
        #expect(fallback.mode == .full && fallback.fallback?.contains("changed") == true, "\(fallback.fallback ?? "")")
        #expect(full.embedding?.model == .feed(dimensions: 16))
    }
}
