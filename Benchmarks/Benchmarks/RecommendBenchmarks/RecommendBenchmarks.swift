import Benchmark
import Foundation
import RecommendCore

/// The corpus benchmarked: RECOMMEND_BENCH_CORPUS (a JSON Lines file, .gz allowed), else Data/articles.jsonl.
let corpusPath =
    ProcessInfo.processInfo.environment["RECOMMEND_BENCH_CORPUS"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Data/articles.jsonl")
    .standardized.path

/// Everything the benchmarks start from, built once.
struct Fixture: @unchecked Sendable {
    let articles: [Article]
    let megabytes: Double
    let configuration = RecommendConfiguration()
    let model: TFIDFModel
    let vectors: FieldVectors
    let latent: LatentVectors
    let contents: IndexContents
    let indexPath: String
    let index: RecommendIndex
    let searcher: TextSearcher

    init() throws {
        articles = try FeedReader(duplicates: .lastWins).read([corpusPath]).articles
        megabytes = Double(articles.reduce(0) { $0 + $1.title.utf8.count + $1.body.utf8.count }) / 1e6
        (model, vectors) = TFIDFBuilder(text: configuration.text, weighting: configuration.weighting).build(articles)
        latent = try LatentSemanticModel.articleVectors(
            vectors, titleWeight: configuration.weighting.titleWeight,
            dimensions: configuration.similarity.denseDimensions,
            powerIterations: configuration.similarity.powerIterations, seed: configuration.similarity.seed)
        contents = try IndexBuilder(configuration: configuration, duplicates: .lastWins).build(articles: articles)
            .contents
        indexPath = NSTemporaryDirectory() + "recommend-benchmark.index"
        try IndexWriter.write(contents, to: indexPath)
        index = try RecommendIndex(path: indexPath)
        searcher = TextSearcher(index: index, model: try index.loadModel(), partitioned: true)
    }
}

nonisolated(unsafe) let fixture = try! Fixture()

let benchmarks: @Sendable () -> Void = {
    let quick = Benchmark.Configuration(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxIterations: 5)
    let n = fixture.articles.count
    let size = String(format: "%.1f MB", fixture.megabytes)

    Benchmark("Tokenize \(n) articles (\(size), one core)", configuration: quick) { benchmark in
        let tokenizer = Tokenizer()
        for _ in benchmark.scaledIterations {
            var count = 0
            for article in fixture.articles {
                tokenizer.forEachToken(in: article.title) { _ in count += 1 }
                tokenizer.forEachToken(in: article.body) { _ in count += 1 }
            }
            blackHole(count)
        }
    }

    Benchmark("TF-IDF vectors of \(n) articles", configuration: quick) { benchmark in
        let builder = TFIDFBuilder(text: fixture.configuration.text, weighting: fixture.configuration.weighting)
        for _ in benchmark.scaledIterations { blackHole(builder.build(fixture.articles)) }
    }

    Benchmark("LSA (randomized SVD, d 128) of \(n) articles", configuration: quick) { benchmark in
        let similarity = fixture.configuration.similarity
        for _ in benchmark.scaledIterations {
            blackHole(
                try LatentSemanticModel.articleVectors(
                    fixture.vectors, titleWeight: fixture.configuration.weighting.titleWeight,
                    dimensions: similarity.denseDimensions, powerIterations: similarity.powerIterations,
                    seed: similarity.seed))
        }
    }

    Benchmark("Similarity (candidates, sgemm, exact re-rank) of \(n) articles", configuration: quick) { benchmark in
        var options = fixture.configuration.similarity
        options.exactBelow = 0
        let engine = SimilarityEngine(options: options, weighting: fixture.configuration.weighting)
        for _ in benchmark.scaledIterations { blackHole(engine.relatedLists(fixture.vectors, latent: fixture.latent)) }
    }

    Benchmark("Index write (\(n) articles)", configuration: quick) { benchmark in
        let path = NSTemporaryDirectory() + "recommend-benchmark-write.index"
        for _ in benchmark.scaledIterations { try IndexWriter.write(fixture.contents, to: path) }
    }

    Benchmark("Index open and verify", configuration: quick) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try RecommendIndex(path: fixture.indexPath)) }
    }

    Benchmark("Index open, checked on use, and one related list (a CLI query)", configuration: quick) { benchmark in
        let id = fixture.articles[n / 2].id
        for _ in benchmark.scaledIterations {
            let index = try RecommendIndex(path: fixture.indexPath, checking: .onUse)
            blackHole(try index.related(to: try index.index(of: id) ?? 0, limit: 10))
        }
    }

    Benchmark("related by id (x1000)", configuration: quick) { benchmark in
        for _ in benchmark.scaledIterations {
            for i in 0..<1000 { blackHole(try fixture.index.related(to: (i * 7919) % n, limit: 10)) }
        }
    }

    Benchmark("unseen text query, as the service answers it (x100)", configuration: quick) { benchmark in
        for _ in benchmark.scaledIterations {
            for i in 0..<100 {
                let article = fixture.articles[(i * 7919) % n]
                blackHole(try fixture.searcher.related(title: article.title, body: article.body, k: 10))
            }
        }
    }
}
