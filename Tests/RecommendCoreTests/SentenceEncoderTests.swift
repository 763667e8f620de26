import Foundation
import Testing

@testable import RecommendCore
import TestSupport

/// The sentence encoder on a tiny random BERT the tests write in the real file formats (`TestEncoderModel`),
/// checked against a plain implementation of the model's definition, and its refusals of damaged model files.
@Suite struct SentenceEncoderTests {
    static let texts = [
        "Markets rally as the central bank holds rates",
        "The striker scored twice in the final minutes of the derby, and the crowd sang until long after the whistle",
        "rates",
        "Storm warning: heavy rain and wind expected across the coast tonight, with flooding possible in low areas",
        "A new phone with a larger screen and a longer battery life goes on sale next week in most countries",
        "Election results: the opposition gains seats",
    ]

    /// Writes the model into a new folder; returns the folder of the models and the weights written.
    static func model(_ shape: TestEncoderModel.Shape = .init()) throws -> (
        models: TemporaryDirectory, weights: [String: (shape: [Int], values: [Float])]
    ) {
        let models = try TemporaryDirectory()
        let weights = try TestEncoderModel.write(to: models.path, texts: texts, shape: shape)
        return (models, weights)
    }

    @Test("the forward pass equals a plain implementation of BERT, mean pooling and L2 norm, batched or not")
    func forwardPass() throws {
        let (models, weights) = try Self.model()
        defer { models.remove() }
        let encoder = try SentenceEncoder(directory: models.path + "/" + TestEncoderModel.name)
        let reference = ReferenceEncoder(weights: weights, heads: 2)
        // Small batches: several batches, run in parallel, each packing texts of different lengths.
        let batched = encoder.embed(Self.texts, batchTokens: 20)
        #expect(batched.rows == Self.texts.count && batched.columns == 8)
        for (i, text) in Self.texts.enumerated() {
            let expected = reference.embed(encoder.tokens(text))
            let alone = encoder.embed(text)
            let row = Array(batched.row(i))
            let difference = zip(expected, row).map { abs($0 - Double($1)) }.max() ?? 0
            #expect(difference < 1e-5, "text \(i): \(row) against \(expected)")
            #expect(zip(alone, row).allSatisfy { abs($0 - $1) < 1e-5 })
            #expect(abs(row.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
        }
        // One text in a batch of one, or among others: the same vector (no text attends to another).
        let pair = encoder.embed([Self.texts[0], Self.texts[1]], batchTokens: 4096)
        #expect(zip(pair.row(0), batched.row(0)).allSatisfy { abs($0 - $1) < 1e-5 })
        // The model is not trivial: different texts get different directions.
        let cosine = zip(batched.row(0), batched.row(1)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(cosine < 0.99)
    }

    @Test("texts are cut to max_seq_length tokens with the closing [SEP] kept, as sentence-transformers does")
    func truncation() throws {
        let (models, _) = try Self.model()
        defer { models.remove() }
        let encoder = try SentenceEncoder(directory: models.path + "/" + TestEncoderModel.name)
        #expect(encoder.maximumTokens == 16)
        let long = Self.texts[1] + " " + Self.texts[3]
        let whole = encoder.tokenizer.encode(long)
        let cut = encoder.tokens(long)
        #expect(whole.count > 16)
        #expect(cut == Array(whole.prefix(15)) + [3])
        #expect(encoder.tokens(Self.texts[2]) == encoder.tokenizer.encode(Self.texts[2]))
    }

    @Test("a folder with a transformer configuration is loaded as an encoder, and an index is built with it")
    func articleEmbedder() throws {
        let articles = try sampleArticles()
        let models = try TemporaryDirectory()
        defer { models.remove() }
        try TestEncoderModel.write(to: models.path, texts: articles.flatMap { [$0.title, $0.body] })
        let embedder = try ArticleEmbedder(name: TestEncoderModel.name, in: models.path, leadWords: 200)
        guard case .encoder = embedder.model else {
            Issue.record("loaded as \(embedder.model)")
            return
        }
        #expect(embedder.identity.dimensions == 8)
        let (contents, report) = try EmbeddingChannelTests.build(articles, embedder: embedder)
        #expect(report.embedding == embedder.identity)
        #expect(contents.embedding?.model == embedder.identity)
        // An article's embedding is its "headline. lead" text's.
        let vectors = embedder.embed(Array(articles.prefix(3)))
        let single = embedder.embed(title: articles[1].title, body: articles[1].body)
        #expect(zip(vectors.row(1), single).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test("missing or damaged weights are refused with the file named")
    func damagedWeights() throws {
        let (models, _) = try Self.model()
        defer { models.remove() }
        let folder = models.path + "/" + TestEncoderModel.name
        let path = folder + "/" + StaticEmbedding.tableFileName
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try FileManager.default.removeItem(atPath: path)
        #expect {
            try SentenceEncoder(directory: folder)
        } throws: { error in
            guard case .unreadable(let file, _) = error as? EmbeddingError else { return false }
            return file == path
        }
        // Cut short: the last tensors' bytes lie beyond the end.
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
        #expect {
            try SentenceEncoder(directory: folder)
        } throws: { error in
            guard case .badOffsets(let file, _, _) = error as? EmbeddingError else { return false }
            return file == path
        }
        try Data(bytes.prefix(5)).write(to: URL(fileURLWithPath: path))
        #expect(throws: EmbeddingError.truncated(file: path, size: 5)) { try SentenceEncoder(directory: folder) }
        // The configuration missing: the folder is not read as an encoder at all.
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let configuration = folder + "/" + SentenceEncoder.configurationFileName
        try FileManager.default.removeItem(atPath: configuration)
        #expect {
            try SentenceEncoder(directory: folder)
        } throws: { error in
            guard case .unreadable(let file, _) = error as? EmbeddingError else { return false }
            return file == configuration
        }
    }

    @Test("weights of another shape than the configuration's, or missing ones, are refused by name")
    func mismatchedWeights() throws {
        let (models, _) = try Self.model()
        defer { models.remove() }
        let folder = models.path + "/" + TestEncoderModel.name
        let configurationPath = folder + "/" + SentenceEncoder.configurationFileName
        let weights = folder + "/" + StaticEmbedding.tableFileName
        let original = try String(contentsOfFile: configurationPath, encoding: .utf8)
        func configure(_ from: String, _ to: String) throws {
            try original.replacingOccurrences(of: from, with: to).write(
                toFile: configurationPath, atomically: true, encoding: .utf8)
        }
        try configure("\"intermediate_size\": 12", "\"intermediate_size\": 10")
        #expect(
            throws: EmbeddingError.mismatchedWeight(
                file: weights, tensor: "encoder.layer.0.intermediate.dense.weight", reason: "shape [12, 8], expected [10, 8]")
        ) { try SentenceEncoder(directory: folder) }
        try configure("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3")
        #expect(
            throws: EmbeddingError.mismatchedWeight(
                file: weights, tensor: "encoder.layer.2.attention.self.query.weight", reason: "missing")
        ) { try SentenceEncoder(directory: folder) }
        try configure("\"max_position_embeddings\": 24", "\"max_position_embeddings\": 32")
        #expect(
            throws: EmbeddingError.mismatchedWeight(
                file: weights, tensor: "embeddings.position_embeddings.weight", reason: "shape [24, 8], expected [32, 8]")
        ) { try SentenceEncoder(directory: folder) }
    }

    @Test(
        "a configuration of an architecture not implemented, or not JSON, is refused",
        arguments: [
            ("\"model_type\": \"bert\"", "\"model_type\": \"gpt2\"", "model_type 'gpt2' (only 'bert' is implemented)"),
            ("\"hidden_act\": \"gelu\"", "\"hidden_act\": \"relu\"", "hidden_act 'relu' (only 'gelu' is implemented)"),
            ("\"num_attention_heads\": 2", "\"num_attention_heads\": 3",
             "hidden_size 8 is not a multiple of num_attention_heads 3"),
            ("\"hidden_size\": 8,", "", "no \"hidden_size\" integer"),
            ("{", "[", nil),
        ])
    func badConfiguration(from: String, to: String, reason: String?) throws {
        let (models, _) = try Self.model()
        defer { models.remove() }
        let folder = models.path + "/" + TestEncoderModel.name
        let path = folder + "/" + SentenceEncoder.configurationFileName
        let original = try String(contentsOfFile: path, encoding: .utf8)
        #expect(original.contains(from))
        try original.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try SentenceEncoder(directory: folder)
        } throws: { error in
            guard case .badModelConfiguration(let file, let message) = error as? EmbeddingError else { return false }
            return file == path && (reason == nil || message == reason)
        }
    }
}

/// BERT as its definition reads, in double precision with plain loops: embeddings (word + position + token type
/// 0) and layer norm; per layer, multi-head self-attention with a residual and layer norm, then a GELU feed-forward
/// with a residual and layer norm; the mean of the outputs over the tokens, scaled to unit length.
struct ReferenceEncoder {
    let weights: [String: (shape: [Int], values: [Float])]
    let heads: Int

    func values(_ name: String) -> [Double] { weights[name]!.values.map(Double.init) }

    func linear(_ x: [[Double]], _ name: String) -> [[Double]] {
        let w = values(name + ".weight")
        let b = values(name + ".bias")
        let inputs = x[0].count
        return x.map { row in
            (0..<b.count).map { (o: Int) -> Double in
                var sum = b[o]
                for j in 0..<inputs { sum += w[o * inputs + j] * row[j] }
                return sum
            }
        }
    }

    func layerNorm(_ x: [[Double]], _ name: String) -> [[Double]] {
        let gamma = values(name + ".weight")
        let beta = values(name + ".bias")
        return x.map { row in
            let mean = row.reduce(0, +) / Double(row.count)
            let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(row.count)
            return row.indices.map { (row[$0] - mean) / (variance + 1e-12).squareRoot() * gamma[$0] + beta[$0] }
        }
    }

    func embed(_ ids: [Int32]) -> [Double] {
        let word = values("embeddings.word_embeddings.weight")
        let position = values("embeddings.position_embeddings.weight")
        let type = values("embeddings.token_type_embeddings.weight")
        let h = weights["embeddings.word_embeddings.weight"]!.shape[1]
        let layers = weights.keys.filter { $0.hasSuffix("attention.self.query.weight") }.count
        let d = h / heads
        var x: [[Double]] = ids.enumerated().map { p, id in
            (0..<h).map { (j: Int) -> Double in word[Int(id) * h + j] + position[p * h + j] + type[j] }
        }
        x = layerNorm(x, "embeddings.LayerNorm")
        let n = ids.count
        for l in 0..<layers {
            let prefix = "encoder.layer.\(l)."
            let q = linear(x, prefix + "attention.self.query")
            let k = linear(x, prefix + "attention.self.key")
            let v = linear(x, prefix + "attention.self.value")
            var context = [[Double]](repeating: [Double](repeating: 0, count: h), count: n)
            for head in 0..<heads {
                let columns = (head * d)..<((head + 1) * d)
                for a in 0..<n {
                    let scores = (0..<n).map { (b: Int) -> Double in
                        var dot = 0.0
                        for j in columns { dot += q[a][j] * k[b][j] }
                        return dot / Double(d).squareRoot()
                    }
                    let largest = scores.max()!
                    let e = scores.map { Foundation.exp($0 - largest) }
                    let total = e.reduce(0, +)
                    for j in columns {
                        var sum = 0.0
                        for b in 0..<n { sum += e[b] / total * v[b][j] }
                        context[a][j] = sum
                    }
                }
            }
            let attended = linear(context, prefix + "attention.output.dense")
            x = layerNorm(zip(attended, x).map { zip($0, $1).map(+) }, prefix + "attention.output.LayerNorm")
            let inner = linear(x, prefix + "intermediate.dense").map { row in
                row.map { 0.5 * $0 * (1 + Foundation.erf($0 / 2.0.squareRoot())) }
            }
            let output = linear(inner, prefix + "output.dense")
            x = layerNorm(zip(output, x).map { zip($0, $1).map(+) }, prefix + "output.LayerNorm")
        }
        let mean = (0..<h).map { (j: Int) -> Double in x.reduce(0.0) { $0 + $1[j] } / Double(n) }
        let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return mean.map { $0 / norm }
    }
}

/// The environment variables that enable `SentenceEncoderModelTests`.
enum EncoderEnvironment {
    static let variables = ProcessInfo.processInfo.environment
    static var configured: Bool {
        variables["RECOMMEND_MODELS"] != nil && variables["RECOMMEND_ENCODER_REFERENCE"] != nil
    }
}

/// Compares the installed all-MiniLM-L6-v2 (`Scripts/install-model --minilm`) with sentence-transformers'
/// embeddings in a reference file made by `Scripts/encoder-reference.py`, and measures its speed on the reference's
/// texts. Runs when `RECOMMEND_MODELS` holds the installed model and `RECOMMEND_ENCODER_REFERENCE` names the
/// reference; meant for a release build (`swift test -c release -Xswiftc -enable-testing`).
@Suite(.enabled(if: EncoderEnvironment.configured), .serialized)
struct SentenceEncoderModelTests {
    static let environment = EncoderEnvironment.variables
    static var modelDirectory: String { environment["RECOMMEND_MODELS", default: ""] + "/all-minilm-l6-v2" }

    /// The reference's texts, token ids and embeddings, one per line.
    static func reference() throws -> [(text: String, ids: [Int32], embedding: [Float])] {
        let path = environment["RECOMMEND_ENCODER_REFERENCE", default: ""]
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            let value = try JSONValue.parse(line)
            guard let text = value["text"]?.string, let ids = value["ids"]?.array?.compactMap(\.integer),
                let embedding = value["embedding"]?.array
            else { throw EmbeddingError.badModelConfiguration(file: path, reason: "a line lacks text, ids or embedding") }
            let vector = embedding.map { element -> Float in
                switch element {
                case .integer(let i): Float(i)
                case .number(let text): Float(text) ?? .nan
                default: .nan
                }
            }
            return (text, ids.map { Int32($0) }, vector)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    @Test("token ids equal the tokenizers package's and every embedding has cosine >= 0.9999 with sentence-transformers'")
    func agreement() throws {
        let encoder = try SentenceEncoder(directory: Self.modelDirectory)
        let reference = try Self.reference()
        let texts = reference.map(\.text)
        let tokenized = texts.map(encoder.tokens)
        let sameIDs = zip(tokenized, reference).filter { $0 == $1.ids }.count
        let start = ContinuousClock.now
        let vectors = encoder.embed(texts)
        let elapsed = Self.seconds(ContinuousClock.now - start)
        var cosines: [Float] = []
        for (i, expected) in reference.enumerated() {
            cosines.append(zip(vectors.row(i), expected.embedding).reduce(0) { $0 + $1.0 * $1.1 })
        }
        let worst = cosines.enumerated().min { $0.element < $1.element }!
        let tokens = tokenized.reduce(0) { $0 + $1.count }
        let flops = tokenized.reduce(0) { $0 + encoder.floatingPointOperations(tokens: $1.count) }
        print(
            "encoder agreement: \(sameIDs) of \(texts.count) token sequences identical; cosine min "
                + String(format: "%.7f", worst.element) + " (text \(worst.offset)), mean "
                + String(format: "%.7f", cosines.reduce(0, +) / Float(cosines.count)) + ", below 0.9999: "
                + "\(cosines.filter { $0 < 0.9999 }.count)")
        print(
            "encoder speed: \(texts.count) texts, \(tokens) tokens in " + String(format: "%.2f", elapsed) + " s: "
                + String(format: "%.1f texts/s, %.0f tokens/s, %.1f GFLOP/s", Double(texts.count) / elapsed,
                    Double(tokens) / elapsed, flops / elapsed / 1e9))
        #expect(sameIDs == texts.count)
        #expect(cosines.allSatisfy { $0 >= 0.9999 })
    }

    @Test("speed: one text of 256 word pieces, and the sgemm ceiling at the encoder's largest product")
    func latency() throws {
        let encoder = try SentenceEncoder(directory: Self.modelDirectory)
        let long = try Self.reference().map(\.text).first { encoder.tokens($0).count == encoder.maximumTokens }
        let text = try #require(long)
        for threads in [ParallelMap.workers, 1] {
            BLASThreads.set(threads)
            var times: [Double] = []
            for _ in 0..<100 {
                let start = ContinuousClock.now
                _ = encoder.embed(text)
                times.append(Self.seconds(ContinuousClock.now - start) * 1000)
            }
            times.sort()
            print(
                "encoder latency, \(threads) BLAS thread(s), one text of \(encoder.maximumTokens) tokens: "
                    + String(format: "p50 %.1f ms, p99 %.1f ms, %.1f GFLOP/s at p50", times[49], times[98],
                        encoder.floatingPointOperations(tokens: encoder.maximumTokens) / times[49] / 1e6))
        }
        BLASThreads.set(ParallelMap.workers)
        // The ceiling: the intermediate projection of a batch of 4,096 tokens, on every core and on one.
        let (m, n, k) = (4096, encoder.configuration.intermediateSize, encoder.configuration.hiddenSize)
        let a = [Float](repeating: 0.5, count: m * k)
        let b = [Float](repeating: 0.25, count: n * k)
        var c = [Float](repeating: 0, count: m * n)
        for threads in [ParallelMap.workers, 1] {
            BLASThreads.set(threads)
            var best = Double.infinity
            for _ in 0..<5 {
                let start = ContinuousClock.now
                BLAS.multiplyTransposed(a, b, into: &c, m: m, n: n, k: k)
                best = min(best, Self.seconds(ContinuousClock.now - start))
            }
            print(
                "sgemm ceiling \(m) x \(n) x \(k), \(threads) thread(s): "
                    + String(format: "%.1f GFLOP/s", 2 * Double(m * n * k) / best / 1e9))
        }
        BLASThreads.set(ParallelMap.workers)
        #expect(c[0] == Float(k) * 0.125)
    }
}
