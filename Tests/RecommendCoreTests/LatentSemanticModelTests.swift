import Foundation
import Testing

@testable import RecommendCore

@Suite struct LatentSemanticModelTests {
    static let options = RecommendConfiguration()

    static func vectors(_ articles: [Article]) -> FieldVectors {
        TFIDFBuilder(text: options.text, weighting: options.weighting).build(articles).vectors
    }

    static func fit(_ vectors: FieldVectors, dimensions: Int = 32, sample: Int?) throws -> LatentVectors {
        try LatentSemanticModel.articleVectors(
            vectors, model: ScoreModel(lexical: options.weighting), dimensions: dimensions, powerIterations: 2, seed: 1,
            sample: sample)
    }

    /// Inner products of the first `k` coordinates of some article pairs: unchanged by any rotation or sign
    /// flip within the latent space, so two fits of one space give the same values.
    static func innerProducts(_ latent: LatentVectors, k: Int, pairs: [(Int, Int)]) -> [Float] {
        pairs.map { i, j in
            zip(latent.coordinates.row(i).prefix(k), latent.coordinates.row(j).prefix(k)).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    @Test("a sample as large as the corpus fits every article, exactly as without one")
    func sampleOfEverything() throws {
        let vectors = Self.vectors(syntheticArticles(count: 400, topics: 8))
        let plain = try Self.fit(vectors, sample: nil)
        #expect(try Self.fit(vectors, sample: 400) == plain)
        #expect(try Self.fit(vectors, sample: 10_000) == plain)
    }

    @Test("fitted on a sample, the latent space is the whole corpus's: same geometry, same singular values")
    func sampledFit() throws {
        let vectors = Self.vectors(syntheticArticles(count: 2_000, topics: 10))
        let full = try Self.fit(vectors, sample: nil)
        let sampled = try Self.fit(vectors, sample: 700)
        #expect(sampled.coordinates.rows == 2_000)
        #expect(sampled.dimensions == full.dimensions)
        // The 10 topic directions stand far above the rest; they must agree.
        for k in 0..<10 {
            #expect(abs(sampled.singularValues[k] / full.singularValues[k] - 1) < 0.1)
        }
        var random = SeededRandom(seed: 3)
        let pairs = (0..<500).map { _ in (Int(random.next() % 2_000), Int(random.next() % 2_000)) }
        let a = Self.innerProducts(full, k: 10, pairs: pairs)
        let b = Self.innerProducts(sampled, k: 10, pairs: pairs)
        let difference = zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let size = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(difference / size < 0.1)
    }

    @Test("a sampled fit is reproducible, and an article without terms stays at the origin")
    func sampledFitDetails() throws {
        var articles = syntheticArticles(count: 600, topics: 6)
        articles[17] = Article(id: articles[17].id, title: "the", body: "and of the")
        let vectors = Self.vectors(articles)
        let sampled = try Self.fit(vectors, sample: 300)
        #expect(try Self.fit(vectors, sample: 300) == sampled)
        #expect(sampled.coordinates.row(17).allSatisfy { $0 == 0 })
        #expect(sampled.coordinates.row(18).contains { $0 != 0 })
        let rows = LatentSemanticModel.seededSample(300, of: 600, seed: 1)
        #expect(rows.count == 300 && Set(rows).count == 300 && rows == rows.sorted() && rows.last! < 600)
    }

    @Test("an index configuration written before sampling existed reads as fitting every article")
    func olderConfiguration() throws {
        let encoded = try JSONEncoder().encode(RecommendConfiguration())
        var object = try JSONSerialization.jsonObject(with: encoded) as! [String: Any]
        var similarity = object["similarity"] as! [String: Any]
        #expect(similarity["latentSample"] as? Int == 50_000)
        similarity.removeValue(forKey: "latentSample")
        object["similarity"] = similarity
        let older = try JSONDecoder().decode(
            RecommendConfiguration.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(older.similarity.latentSample == nil)
    }
}
