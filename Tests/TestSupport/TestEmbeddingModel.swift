internal import Foundation
public import RecommendCore

/// A small static embedding model written as real model files (a BERT WordPiece `tokenizer.json` and an F32
/// `model.safetensors`), so that tests load it through the same code as an installed model: every word of the
/// given texts is a token, and each token's vector is drawn from a seeded generator. A text's embedding is then a
/// random projection of its words, which makes texts that share words close, as a trained model would.
public enum TestEmbeddingModel {
    /// The folder name the models are written under (the configuration's model name in tests).
    public static let name = "test-model"

    /// Writes the model for the words of `texts` into `directory/name/` and returns `directory`.
    /// - Parameters:
    ///   - dimensions: the length of the vectors.
    ///   - seed: another seed makes another model (other vectors, another fingerprint).
    @discardableResult
    public static func write(
        to directory: String, texts: [String], dimensions: Int = 16, seed: UInt64 = 1, name: String = Self.name
    ) throws -> String {
        let folder = directory + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var words = Set<String>()
        for text in texts {
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                words.insert(String(word))
            }
        }
        let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"] + words.sorted()
        try writeTokenizer(vocabulary, in: folder)
        var random = SplitMix(seed: seed)
        // [CLS] and [SEP] get zero vectors: every text has them, and they would only add a common direction.
        let values = (0..<(vocabulary.count * dimensions)).map { k -> Float in
            k < 4 * dimensions ? 0 : Float(Double(random.next() >> 11) / Double(1 << 53) * 2 - 1)
        }
        try Data(safetensors([("embedding.weight", [vocabulary.count, dimensions], values)]))
            .write(to: URL(fileURLWithPath: folder + "/" + StaticEmbedding.tableFileName))
        return directory
    }

    /// Writes the model for the words of `articles` (headlines and bodies) and loads it as the embedder.
    public static func embedder(
        in directory: String, for articles: [Article], dimensions: Int = 16, seed: UInt64 = 1
    ) throws -> ArticleEmbedder {
        try write(to: directory, texts: articles.flatMap { [$0.title, $0.body] }, dimensions: dimensions, seed: seed)
        return try ArticleEmbedder(name: name, in: directory, leadWords: EmbeddingOptions().leadWords)
    }

    /// The model of the sample corpus's words (`sampleArticles()`), loaded; its files are removed again.
    public static func sampleEmbedder(dimensions: Int = 16, seed: UInt64 = 1) throws -> ArticleEmbedder {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        return try embedder(in: folder.path, for: try sampleArticles(), dimensions: dimensions, seed: seed)
    }

    /// Writes a BERT WordPiece `tokenizer.json` with `vocabulary` (ids in order; the first four must be `[PAD]`,
    /// `[UNK]`, `[CLS]`, `[SEP]`) into `folder`.
    public static func writeTokenizer(_ vocabulary: [String], in folder: String) throws {
        let entries = vocabulary.enumerated().map { "\(quoted($1)): \($0)" }.joined(separator: ", ")
        let tokenizer = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
               {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 2, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 3, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
             "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
             "pre_tokenizer": {"type": "BertPreTokenizer"},
             "post_processor": {"type": "TemplateProcessing",
               "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                 {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
               "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                 "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
             "decoder": null,
             "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
               "max_input_chars_per_word": 100, "vocab": {\(entries)}}}
            """
        try Data(tokenizer.utf8).write(to: URL(fileURLWithPath: folder + "/" + StaticEmbedding.tokenizerFileName))
    }

    /// The bytes of a safetensors file holding `tensors` (F32, in order).
    public static func safetensors(_ tensors: [(name: String, shape: [Int], values: [Float])]) -> [UInt8] {
        var offset = 0
        var entries: [String] = []
        for tensor in tensors {
            entries.append(
                "\(quoted(tensor.name)):{\"dtype\":\"F32\",\"shape\":\(tensor.shape),"
                    + "\"data_offsets\":[\(offset),\(offset + tensor.values.count * 4)]}")
            offset += tensor.values.count * 4
        }
        let header = "{" + entries.joined(separator: ",") + "}"
        var bytes = [UInt8]()
        let length = UInt64(header.utf8.count)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * UInt64(i)))) }
        bytes += Array(header.utf8)
        for tensor in tensors {
            for v in tensor.values {
                for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32(i)))) }
            }
        }
        return bytes
    }

    private static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// SplitMix64: a small seeded generator, so a seed always gives the same model.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E479
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
