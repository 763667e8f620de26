import Testing

@testable import RecommendCore
import TestSupport

@Suite struct SimilarityEngineTests {
    /// The pair score computed from its definition with the build's weights: sparse rows merged, latent and
    /// embedding vectors multiplied, the embedding cosine weighted by `η sqrt(μ / (μ + n_i)) sqrt(μ / (μ + n_j))`
    /// for articles of `n` TF-IDF entries (independently of `ScoreModel` and `DenseChannels`, which it checks).
    static func pairScore(_ built: Built, _ i: Int, _ j: Int) -> Float {
        let w = built.weighting.titleWeight
        let beta = built.semantic == nil ? 0 : built.weighting.semanticWeight
        let v = built.vectors
        let lexical = w * v.title.dot(row: i, with: v.title, row: j) + (1 - w) * v.body.dot(row: i, with: v.body, row: j)
        var latent: Float = 0
        if let semantic = built.semantic {
            latent = zip(semantic.vectors.row(i), semantic.vectors.row(j)).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var embedded: Float = 0
        if let embedding = built.embedding {
            let mu = built.weighting.embeddingEvidence
            func terms(_ a: Int) -> Float { Float(v.title.range(ofRow: a).count + v.body.range(ofRow: a).count) }
            let weight = built.weighting.embeddingWeight * (mu / (mu + terms(i))).squareRoot()
                * (mu / (mu + terms(j))).squareRoot()
            embedded = weight * zip(embedding.vectors.row(i), embedding.vectors.row(j)).reduce(0) { $0 + $1.0 * $1.1 }
        }
        return (1 - beta) * lexical + beta * latent + embedded
    }

    /// Every pair scored from the definition: an independent reference for the engine.
    static func bruteForce(_ built: Built, k: Int) -> [[(index: Int, score: Float)]] {
        (0..<built.vectors.count).map { i in
            var scored: [(index: Int, score: Float)] = []
            for j in 0..<built.vectors.count where j != i {
                let s = pairScore(built, i, j)
                if s > 0 { scored.append((j, s)) }
            }
            scored.sort { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }
            return Array(scored.prefix(k))
        }
    }

    struct Built {
        var weighting: WeightingOptions
        var vectors: FieldVectors
        var semantic: SemanticSpace?
        var embedding: EmbeddingSpace? = nil
        var lists: RelatedLists
        var method = ""
    }

    static func build(
        _ articles: [Article], exactBelow: Int, exhaustiveBelow: Int = 40_000, lexicalCandidates: Int = 50,
        semanticWeight: Float = 0.3, embedder: ArticleEmbedder? = nil
    ) throws -> Built {
        var configuration = RecommendConfiguration()
        configuration.similarity.exactBelow = exactBelow
        configuration.similarity.exhaustiveBelow = exhaustiveBelow
        configuration.similarity.lexicalCandidates = lexicalCandidates
        configuration.similarity.neighbours = 10
        configuration.weighting.semanticWeight = semanticWeight
        configuration.weighting.semanticDimensions = 20
        let (_, vectors) = TFIDFBuilder(text: configuration.text, weighting: configuration.weighting).build(articles)
        let latent = try LatentSemanticModel.articleVectors(
            vectors, model: ScoreModel(lexical: configuration.weighting), dimensions: 64, powerIterations: 2, seed: 1)
        let engine = SimilarityEngine(options: configuration.similarity, weighting: configuration.weighting)
        let embedding = embedder.map { EmbeddingSpace(model: $0.identity, embeddings: $0.embed(articles), axes: 8) }
        let result = engine.relatedLists(vectors, latent: latent, embedding: embedding)
        return Built(
            weighting: configuration.weighting, vectors: vectors, semantic: result.semantic, embedding: embedding,
            lists: result.lists, method: result.method)
    }

    /// Checks that each list holds the exact top scores: same score at each rank (within float rounding).
    static func expectExact(_ lists: RelatedLists, _ reference: [[(index: Int, score: Float)]]) {
        for (i, expected) in reference.enumerated() {
            let got = lists.list(of: i)
            #expect(got.count == expected.count)
            for (g, e) in zip(got, expected) { #expect(abs(g.score - e.score) < 1e-5) }
            #expect(!got.contains { $0.index == i })
        }
    }

    /// Share of the exact top-k found by the engine.
    static func recall(_ lists: RelatedLists, _ reference: [[(index: Int, score: Float)]]) -> Double {
        var found = 0
        var total = 0
        for (i, expected) in reference.enumerated() {
            let got = Set(lists.list(of: i).map(\.index))
            found += expected.filter { got.contains($0.index) }.count
            total += expected.count
        }
        return Double(found) / Double(max(1, total))
    }

    @Test("exact mode equals brute force on the sample corpus, with and without the latent blend", arguments: [0, 0.3])
    func exactOnSample(_ semanticWeight: Float) throws {
        let built = try Self.build(try sampleArticles(), exactBelow: 5_000, semanticWeight: semanticWeight)
        #expect((built.semantic == nil) == (semanticWeight == 0))
        Self.expectExact(built.lists, Self.bruteForce(built, k: 10))
    }

    @Test("exact mode equals brute force on a generated corpus")
    func exactOnGenerated() throws {
        let built = try Self.build(syntheticArticles(count: 600, topics: 12), exactBelow: 5_000)
        Self.expectExact(built.lists, Self.bruteForce(built, k: 10))
    }

    @Test(
        "with an embedding channel, exact mode equals brute force and candidates re-ranked exactly recover the exact top-10",
        arguments: [0, 0.3])
    func embeddingChannel(_ semanticWeight: Float) throws {
        let sample = try sampleArticles()
        let exact = try Self.build(
            sample, exactBelow: 5_000, semanticWeight: semanticWeight, embedder: try TestEmbeddingModel.sampleEmbedder())
        #expect(exact.embedding != nil && exact.method == "exact")
        Self.expectExact(exact.lists, Self.bruteForce(exact, k: 10))

        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let generated = syntheticArticles(count: 1_500, topics: 15)
        let embedder = try TestEmbeddingModel.embedder(in: folder.path, for: generated, dimensions: 32)
        let searched = try Self.build(generated, exactBelow: 0, semanticWeight: semanticWeight, embedder: embedder)
        #expect(searched.method == "dense-candidates")
        #expect(Self.recall(searched.lists, Self.bruteForce(searched, k: 10)) >= 0.95)
        for i in 0..<searched.vectors.count {
            for entry in searched.lists.list(of: i) {
                #expect(abs(Self.pairScore(searched, i, entry.index) - entry.score) < 1e-5)
            }
        }
    }

    @Test("dense candidates re-ranked exactly recover the exact top-10")
    func twoStageRecall() throws {
        let sample = try Self.build(try sampleArticles(), exactBelow: 0)
        let sampleRecall = Self.recall(sample.lists, Self.bruteForce(sample, k: 10))
        let generated = try Self.build(syntheticArticles(count: 1_500, topics: 15), exactBelow: 0)
        let generatedRecall = Self.recall(generated.lists, Self.bruteForce(generated, k: 10))
        // With 100 candidates out of 200 the sample is nearly exhaustive; the generated corpus is the real test.
        #expect(sampleRecall >= 0.99)
        #expect(generatedRecall >= 0.95)
        // Whatever is found is scored exactly.
        for i in 0..<generated.vectors.count {
            for entry in generated.lists.list(of: i) {
                #expect(abs(Self.pairScore(generated, i, entry.index) - entry.score) < 1e-5)
            }
        }
    }

    @Test("inverted-file candidates re-ranked exactly recover the exact top-10, each entry with its exact score")
    func invertedFileRecall() throws {
        // Dense candidates alone (no lexical ones), so that the inverted file is what is tested.
        let built = try Self.build(
            syntheticArticles(count: 1_200, topics: 12), exactBelow: 0, exhaustiveBelow: 0, lexicalCandidates: 0)
        #expect(built.method == "inverted-file")
        // 2 sqrt(1200) = 69 cells, 24 probed: about a third of all pairs.
        let recall = Self.recall(built.lists, Self.bruteForce(built, k: 10))
        #expect(recall >= 0.95)
        for i in 0..<built.vectors.count {
            #expect(!built.lists.list(of: i).contains { $0.index == i })
            for entry in built.lists.list(of: i) {
                #expect(abs(Self.pairScore(built, i, entry.index) - entry.score) < 1e-5)
            }
        }
    }

    @Test("identical articles tie and the earlier one ranks first; no article lists itself")
    func ties() throws {
        let twin = Article(id: "t", title: "tram line opens", body: "the new tram line opens in the city centre")
        var articles = [twin, Article(id: "u", title: "tram line", body: "tram line city")]
        for i in 0..<3 { articles.append(Article(id: "t\(i)", title: twin.title, body: twin.body)) }
        for i in 0..<8 { articles.append(Article(id: "z\(i)", title: "budget \(i)", body: "budget vote number\(i)")) }
        let lists = try Self.build(articles, exactBelow: 5_000, semanticWeight: 0).lists
        #expect(lists.list(of: 0).map(\.index).prefix(3) == [2, 3, 4])
        #expect(lists.list(of: 3).map(\.index).prefix(3) == [0, 2, 4])
        for i in 0..<articles.count { #expect(!lists.list(of: i).contains { $0.index == i }) }
    }

    @Test("the bounded heap keeps the best k with deterministic ties")
    func topK() {
        var top = TopK(capacity: 3)
        for (s, i) in [(0.5, 4), (0.9, 7), (0.5, 2), (0.1, 1), (0.9, 3), (0.7, 0)] as [(Float, Int32)] {
            top.insert(s, i)
        }
        #expect(top.sorted().map(\.index) == [3, 7, 0])
        #expect(top.threshold == 0.7)
    }

    @Test("the heap agrees with a full sort for any scores, negative and zero included, in any order")
    func topKAgreesWithSort() {
        var random = SeededRandom(seed: 11)
        for round in 0..<50 {
            let count = 1 + Int(random.next() % 200)
            let pairs = (0..<count).map { i -> (score: Float, index: Int32) in
                let score: Float = [0, -0.0, 1, -1, .infinity][Int(random.next() % 5)]
                return (random.next() % 3 == 0 ? score : Float(Int(random.next() % 41) - 20) / 7, Int32(i))
            }
            let capacity = 1 + round % 12
            let expected = pairs.sorted { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }
                .prefix(capacity)
            for shuffled in [pairs, pairs.reversed()] {
                var top = TopK(capacity: capacity)
                for p in shuffled { top.insert(p.score, p.index) }
                #expect(top.sorted().map(\.index) == expected.map(\.index))
                #expect(top.sorted().map(\.score) == expected.map(\.score))
                #expect(top.threshold == (expected.count == capacity ? expected.last!.score : -.infinity))
            }
        }
    }
}
