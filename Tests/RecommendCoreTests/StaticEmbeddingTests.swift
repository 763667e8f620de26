import Foundation
import TestSupport
import Testing

@testable import RecommendCore

@Suite struct StaticEmbeddingTests {
    /// Row i of the table is (i, 1), so a text's sum is (sum of its ids, number of tokens).
    static let table = DenseMatrix(rows: 16, columns: 2, storage: (0..<16).flatMap { [Float($0), 1] })

    static func model(weights: [Float]? = nil) throws -> StaticEmbedding {
        try StaticEmbedding(
            tokenizer: TokenizerFixtures.tokenizer(TokenizerFixtures.bytePair), table: table, tokenWeights: weights)
    }

    static func unit(_ v: [Float]) -> [Float] {
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }

    static func close(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 }
    }

    @Test("an embedding is the unit-length mean of all token vectors, <s> included")
    func mean() throws {
        let model = try Self.model()
        // "abc" is <s> ▁ab c: ids 1, 12, 8; the mean is (21, 3) / 3, the same direction as (21, 3).
        #expect(Self.close(model.embed("abc"), Self.unit([21, 3])))
        // The empty text is <s> alone.
        #expect(Self.close(model.embed(""), Self.unit([1, 1])))
        #expect(model.dimensions == 2)
    }

    @Test("token weights make a weighted mean")
    func weighted() throws {
        var weights = [Float](repeating: 1, count: 16)
        weights[1] = 0  // <s>
        weights[8] = 2  // c
        let model = try Self.model(weights: weights)
        // 0 x (1, 1) + 1 x (12, 1) + 2 x (8, 1) = (28, 3).
        #expect(Self.close(model.embed("abc"), Self.unit([28, 3])))
    }

    @Test("a batch gives each text's embedding, in order")
    func batch() throws {
        let model = try Self.model()
        let texts = (0..<200).map {
            ["abc", "bc a", "\u{0151}", "", "a</s>b"][$0 % 5] + String(repeating: " a", count: $0 % 7)
        }
        let matrix = model.embed(texts)
        #expect(matrix.rows == texts.count && matrix.columns == 2)
        for (i, text) in texts.enumerated() { #expect(Array(matrix.row(i)) == model.embed(text)) }
    }

    @Test("a table with fewer rows than token ids, or weights of another length, is refused")
    func mismatched() throws {
        let tokenizer = try TokenizerFixtures.tokenizer(TokenizerFixtures.bytePair)
        let short = DenseMatrix(rows: 15, columns: 2, storage: [Float](repeating: 0, count: 30))
        #expect(
            throws: EmbeddingError.mismatchedTable(
                file: "table", reason: "15 rows, but tokenizer.json makes token ids up to 15")
        ) {
            try StaticEmbedding(tokenizer: tokenizer, table: short)
        }
        #expect(throws: EmbeddingError.mismatchedTable(file: "table", reason: "3 token weights for 16 rows")) {
            try StaticEmbedding(tokenizer: tokenizer, table: Self.table, tokenWeights: [1, 1, 1])
        }
    }

    @Test("a model folder is read: F16 table and tokenizer.json")
    func directory() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // Half-precision (i, 1): integers up to 2048 are exact in F16.
        let halves = (0..<16).flatMap { [Float16Bits.of(Float($0)), Float16Bits.of(1)] }
        try folder.write(
            StaticEmbedding.tableFileName,
            safetensorsBytes(
                header: #"{"embedding.weight":{"dtype":"F16","shape":[16,2],"data_offsets":[0,64]}}"#,
                data: halves.flatMap(littleEndian)))
        try folder.write(StaticEmbedding.tokenizerFileName, TokenizerFixtures.bytePair)
        let model = try StaticEmbedding(directory: folder.path)
        #expect(model.table == Self.table)
        #expect(Self.close(model.embed("abc"), Self.unit([21, 3])))
    }
}

/// The environment variables that enable `StaticEmbeddingModelTests`.
enum ModelEnvironment {
    static let variables = ProcessInfo.processInfo.environment
    static var configured: Bool {
        variables["RECOMMEND_MODELS"] != nil && variables["RECOMMEND_TOKENIZER_REFERENCE"] != nil
    }
}

/// Half-precision bit patterns of small integers, for writing test tables.
enum Float16Bits {
    static func of(_ value: Float) -> UInt16 {
        precondition(value >= 0 && value < 2048 && value == value.rounded())
        guard value > 0 else { return 0 }
        let exponent = Int(log2(value).rounded(.down))
        let mantissa = UInt16((value / Float(1 << exponent) - 1) * 1024)
        return UInt16(exponent + 15) << 10 | mantissa
    }
}

/// Compares the tokenizer with the `tokenizers` package's ids in a reference file made by
/// `Scripts/tokenizer-reference.py`, and measures embedding speed on the reference's texts. Runs when
/// `RECOMMEND_MODELS` holds the installed model (`Scripts/install-model`) and `RECOMMEND_TOKENIZER_REFERENCE`
/// names the reference; `RECOMMEND_TOKENIZER` names the tokenizer.json the reference was made with, when it is
/// not the model's.
@Suite(.enabled(if: ModelEnvironment.configured), .serialized)
struct StaticEmbeddingModelTests {
    static let environment = ModelEnvironment.variables
    static var modelDirectory: String { environment["RECOMMEND_MODELS", default: ""] + "/wordllama-l2-256" }

    /// The reference's texts and ids, one per line.
    static func reference() throws -> [(text: String, ids: [Int32])] {
        let path = environment["RECOMMEND_TOKENIZER_REFERENCE", default: ""]
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            let value = try JSONValue.parse(line)
            guard let text = value["text"]?.string, let ids = value["ids"]?.array?.compactMap(\.integer) else {
                throw EmbeddingError.badTokenizer(file: path, reason: "a line lacks \"text\" or \"ids\"")
            }
            return (text, ids.map { Int32($0) })
        }
    }

    @Test("token ids equal the tokenizers package's for every reference text")
    func agreement() throws {
        let tokenizerPath =
            Self.environment["RECOMMEND_TOKENIZER"] ?? Self.modelDirectory + "/" + StaticEmbedding.tokenizerFileName
        let tokenizer = try TokenizerModel(path: tokenizerPath)
        let reference = try Self.reference()
        var identical = 0
        for (text, ids) in reference {
            let encoded = tokenizer.encode(text)
            if encoded == ids {
                identical += 1
            } else if reference.count - identical <= 5 {
                let first = zip(encoded, ids).prefix { $0 == $1 }.count
                Issue.record(
                    "differs from token \(first): \(encoded.dropFirst(first).prefix(8)) for \(ids.dropFirst(first).prefix(8)) in \(text.prefix(120).debugDescription)"
                )
            }
        }
        print("tokenizer agreement: \(identical) of \(reference.count) texts identical (\(tokenizerPath))")
        #expect(identical == reference.count)
    }

    @Test("embedding speed on one core and on all cores")
    func speed() throws {
        let model = try StaticEmbedding(directory: Self.modelDirectory)
        let texts = try Self.reference().map(\.text)
        let tokens = texts.reduce(0) { $0 + model.tokenizer.encode($1).count }
        var clock = ContinuousClock.now
        var checksum: Float = 0
        for text in texts { checksum += model.embed(text)[0] }
        let one = ContinuousClock.now - clock
        clock = ContinuousClock.now
        let matrix = model.embed(texts)
        let all = ContinuousClock.now - clock
        #expect(
            abs(
                matrix.storage.enumerated().reduce(0) { $1.offset % model.dimensions == 0 ? $0 + $1.element : $0 }
                    - checksum) < 1e-2)
        for (name, duration) in [("1 core", one), ("\(ParallelMap.workers) cores", all)] {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
            print(
                "embedding speed, \(name): \(texts.count) texts, \(tokens) tokens in \(String(format: "%.3f", seconds)) s:"
                    + " \(Int(Double(texts.count) / seconds)) texts/s, \(Int(Double(tokens) / seconds)) tokens/s")
        }
    }
}
