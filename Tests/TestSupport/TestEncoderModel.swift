internal import Foundation
import RecommendCore

/// A tiny BERT sentence encoder with random weights, written as real model files (`config.json`,
/// `sentence_bert_config.json`, an F32 `model.safetensors` named as Hugging Face names BERT's weights, and a
/// WordPiece `tokenizer.json` holding every word of the given texts), so that tests load it through the same code
/// as an installed encoder.
public enum TestEncoderModel {
    /// The folder name the models are written under.
    public static let name = "test-encoder"

    /// The architecture written (small enough for a test to run a plain reference implementation).
    public struct Shape: Sendable {
        public var hidden = 8
        public var heads = 2
        public var intermediate = 12
        public var layers = 2
        public var positions = 24
        /// `max_seq_length` in `sentence_bert_config.json`: tokens kept per text, `[CLS]` and `[SEP]` included.
        public var maximumTokens = 16

        public init() {}
    }

    /// Writes the model for the words of `texts` into `directory/name/`.
    /// - Returns: the weights written, by name, with their shapes (row-major values).
    @discardableResult
    public static func write(
        to directory: String, texts: [String], shape: Shape = Shape(), seed: UInt64 = 1, name: String = Self.name
    ) throws -> [String: (shape: [Int], values: [Float])] {
        let folder = directory + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var words = Set<String>()
        for text in texts {
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                words.insert(String(word))
            }
        }
        let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"] + words.sorted()
        try TestEmbeddingModel.writeTokenizer(vocabulary, in: folder)

        var random = TestEmbeddingModel.SplitMix(seed: seed)
        func uniform(_ count: Int, scale: Float, around centre: Float = 0) -> [Float] {
            (0..<count).map { _ in centre + scale * Float(Double(random.next() >> 11) / Double(1 << 53) * 2 - 1) }
        }
        let h = shape.hidden
        let i = shape.intermediate
        var tensors: [(name: String, shape: [Int], values: [Float])] = []
        func add(_ name: String, _ dimensions: [Int], scale: Float, around centre: Float = 0) {
            tensors.append((name, dimensions, uniform(dimensions.reduce(1, *), scale: scale, around: centre)))
        }
        func norm(_ name: String) {
            add(name + ".weight", [h], scale: 0.2, around: 1)
            add(name + ".bias", [h], scale: 0.2)
        }
        add("embeddings.word_embeddings.weight", [vocabulary.count, h], scale: 1)
        add("embeddings.position_embeddings.weight", [shape.positions, h], scale: 0.5)
        add("embeddings.token_type_embeddings.weight", [2, h], scale: 0.5)
        norm("embeddings.LayerNorm")
        for l in 0..<shape.layers {
            let layer = "encoder.layer.\(l)."
            for part in ["query", "key", "value"] {
                add(layer + "attention.self.\(part).weight", [h, h], scale: 0.6)
                add(layer + "attention.self.\(part).bias", [h], scale: 0.2)
            }
            add(layer + "attention.output.dense.weight", [h, h], scale: 0.5)
            add(layer + "attention.output.dense.bias", [h], scale: 0.2)
            norm(layer + "attention.output.LayerNorm")
            add(layer + "intermediate.dense.weight", [i, h], scale: 0.5)
            add(layer + "intermediate.dense.bias", [i], scale: 0.2)
            add(layer + "output.dense.weight", [h, i], scale: 0.4)
            add(layer + "output.dense.bias", [h], scale: 0.2)
            norm(layer + "output.LayerNorm")
        }
        // A weight the encoder does not use, as real checkpoints carry.
        add("pooler.dense.weight", [h, h], scale: 0.5)
        try Data(TestEmbeddingModel.safetensors(tensors))
            .write(to: URL(fileURLWithPath: folder + "/" + StaticEmbedding.tableFileName))
        let configuration = """
            {"architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu", "hidden_size": \(h),
             "num_hidden_layers": \(shape.layers), "num_attention_heads": \(shape.heads),
             "intermediate_size": \(i), "max_position_embeddings": \(shape.positions), "type_vocab_size": 2,
             "layer_norm_eps": 1e-12, "position_embedding_type": "absolute", "vocab_size": \(vocabulary.count)}
            """
        try Data(configuration.utf8)
            .write(to: URL(fileURLWithPath: folder + "/" + SentenceEncoder.configurationFileName))
        try Data(#"{"max_seq_length": \#(shape.maximumTokens), "do_lower_case": false}"#.utf8)
            .write(to: URL(fileURLWithPath: folder + "/" + SentenceEncoder.sentenceConfigurationFileName))
        return Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, ($0.shape, $0.values)) })
    }
}
