internal import Foundation

/// A BERT sentence encoder as sentence-transformers runs one (all-MiniLM-L6-v2 and its family): WordPiece
/// tokens, truncated to `maximumTokens`, through the transformer, then the mean of the output over the text's
/// tokens, scaled to unit length.
///
/// Read from a Hugging Face model folder: `config.json` (the architecture), `model.safetensors` (the weights),
/// `tokenizer.json`, and, when present, `sentence_bert_config.json` (its `max_seq_length`). Every weight's shape
/// is checked against the configuration when the model is read.
public struct SentenceEncoder: Sendable {
    /// The file names `init(directory:)` reads besides the weights and the tokenizer.
    public static let configurationFileName = "config.json"
    public static let sentenceConfigurationFileName = "sentence_bert_config.json"

    /// The architecture, from `config.json`.
    public struct Configuration: Sendable, Equatable {
        public var hiddenSize: Int
        public var layers: Int
        public var heads: Int
        public var intermediateSize: Int
        public var maximumPositions: Int
        public var tokenTypes: Int
        public var layerNormEpsilon: Float

        public init(
            hiddenSize: Int, layers: Int, heads: Int, intermediateSize: Int, maximumPositions: Int, tokenTypes: Int,
            layerNormEpsilon: Float
        ) {
            self.hiddenSize = hiddenSize
            self.layers = layers
            self.heads = heads
            self.intermediateSize = intermediateSize
            self.maximumPositions = maximumPositions
            self.tokenTypes = tokenTypes
            self.layerNormEpsilon = layerNormEpsilon
        }
    }

    /// One transformer layer's weights, each matrix row-major with one row per output (PyTorch's `Linear`).
    struct Layer: Sendable {
        /// The query, key and value projections stacked: 3 x hidden rows, so one product computes all three.
        var attention: [Float]
        var attentionBias: [Float]
        var attentionOutput: [Float]
        var attentionOutputBias: [Float]
        var attentionNorm: (gamma: [Float], beta: [Float])
        var intermediate: [Float]
        var intermediateBias: [Float]
        var output: [Float]
        var outputBias: [Float]
        var outputNorm: (gamma: [Float], beta: [Float])
    }

    public let tokenizer: TokenizerModel
    public let configuration: Configuration
    /// Tokens embedded per text, `[CLS]` and `[SEP]` included; the rest of a longer text is left out.
    public let maximumTokens: Int
    let wordEmbeddings: [Float]
    let positionEmbeddings: [Float]
    /// The embedding of token type 0, the only one a single text has.
    let tokenTypeEmbedding: [Float]
    let embeddingNorm: (gamma: [Float], beta: [Float])
    let layers: [Layer]

    /// The length of every embedding.
    public var dimensions: Int { configuration.hiddenSize }

    /// Reads the model in `directory`.
    /// - Throws: `EmbeddingError` naming the file at fault: unreadable, damaged, an unsupported architecture
    ///   (`.badModelConfiguration`), a missing weight or one of another shape (`.mismatchedWeight`).
    public init(directory: String) throws(EmbeddingError) {
        let configurationPath = directory + "/" + Self.configurationFileName
        let configuration = try Self.configuration(
            json: try EmbeddingError.contents(of: configurationPath), file: configurationPath)
        var maximumTokens = configuration.maximumPositions
        let sentencePath = directory + "/" + Self.sentenceConfigurationFileName
        if FileManager.default.fileExists(atPath: sentencePath) {
            let value = try Self.json(try EmbeddingError.contents(of: sentencePath), file: sentencePath)
            if let length = value["max_seq_length"]?.integer {
                guard length >= 2 else {
                    throw .badModelConfiguration(file: sentencePath, reason: "max_seq_length \(length) is below 2")
                }
                maximumTokens = min(length, configuration.maximumPositions)
            }
        }
        try self.init(
            tokenizer: TokenizerModel(path: directory + "/" + StaticEmbedding.tokenizerFileName),
            weights: SafetensorsFile(path: directory + "/" + StaticEmbedding.tableFileName),
            configuration: configuration, maximumTokens: maximumTokens)
    }

    /// A model from a tokenizer, a weights file and an architecture.
    /// - Throws: `EmbeddingError.mismatchedWeight` when a weight is missing or of another shape than
    ///   `configuration` gives it, `.badModelConfiguration` when the tokenizer makes ids beyond the vocabulary.
    public init(tokenizer: TokenizerModel, weights: SafetensorsFile, configuration: Configuration, maximumTokens: Int)
        throws(EmbeddingError)
    {
        let h = configuration.hiddenSize
        let i = configuration.intermediateSize
        // Checkpoints saved from a `BertForX` model name the encoder's weights under "bert.".
        let prefix = weights.tensors.contains { $0.name == "embeddings.word_embeddings.weight" } ? "" : "bert."
        func weight(_ name: String, _ shape: [Int]) throws(EmbeddingError) -> [Float] {
            let full = prefix + name
            guard let tensor = weights.tensors.first(where: { $0.name == full }) else {
                throw .mismatchedWeight(file: weights.file, tensor: full, reason: "missing")
            }
            guard tensor.shape == shape else {
                throw .mismatchedWeight(
                    file: weights.file, tensor: full, reason: "shape \(tensor.shape), expected \(shape)")
            }
            return weights.floats(tensor)
        }
        func norm(_ name: String) throws(EmbeddingError) -> (gamma: [Float], beta: [Float]) {
            (try weight(name + ".weight", [h]), try weight(name + ".bias", [h]))
        }
        let words = weights.tensors.first { $0.name == prefix + "embeddings.word_embeddings.weight" }
            .map { $0.shape.first ?? 0 } ?? 0
        guard words >= tokenizer.idLimit else {
            throw .mismatchedWeight(
                file: weights.file, tensor: prefix + "embeddings.word_embeddings.weight",
                reason: "\(words) rows, but \(tokenizer.file) makes token ids up to \(tokenizer.idLimit - 1)")
        }
        wordEmbeddings = try weight("embeddings.word_embeddings.weight", [words, h])
        positionEmbeddings = try weight("embeddings.position_embeddings.weight", [configuration.maximumPositions, h])
        tokenTypeEmbedding = Array(
            try weight("embeddings.token_type_embeddings.weight", [configuration.tokenTypes, h]).prefix(h))
        embeddingNorm = try norm("embeddings.LayerNorm")
        var layers: [Layer] = []
        for l in 0..<configuration.layers {
            let name = "encoder.layer.\(l)."
            var attention: [Float] = []
            var attentionBias: [Float] = []
            for part in ["query", "key", "value"] {
                attention += try weight(name + "attention.self.\(part).weight", [h, h])
                attentionBias += try weight(name + "attention.self.\(part).bias", [h])
            }
            layers.append(
                Layer(
                    attention: attention, attentionBias: attentionBias,
                    attentionOutput: try weight(name + "attention.output.dense.weight", [h, h]),
                    attentionOutputBias: try weight(name + "attention.output.dense.bias", [h]),
                    attentionNorm: try norm(name + "attention.output.LayerNorm"),
                    intermediate: try weight(name + "intermediate.dense.weight", [i, h]),
                    intermediateBias: try weight(name + "intermediate.dense.bias", [i]),
                    output: try weight(name + "output.dense.weight", [h, i]),
                    outputBias: try weight(name + "output.dense.bias", [h]),
                    outputNorm: try norm(name + "output.LayerNorm")))
        }
        self.tokenizer = tokenizer
        self.configuration = configuration
        self.maximumTokens = min(max(2, maximumTokens), configuration.maximumPositions)
        self.layers = layers
    }

    /// The floating-point operations of the matrix products embedding a text of `tokens` tokens (a multiply-add
    /// counted as two): per layer the four projections and the two attention products.
    public func floatingPointOperations(tokens n: Int) -> Double {
        let (n, h, i) = (Double(n), Double(configuration.hiddenSize), Double(configuration.intermediateSize))
        return Double(configuration.layers) * (2 * n * h * (4 * h + 2 * i) + 4 * n * n * h)
    }

    /// The token ids embedded for `text`: the tokenizer's, cut to `maximumTokens` with the closing special
    /// tokens kept (sentence-transformers' truncation).
    public func tokens(_ text: String) -> [Int32] {
        let ids = tokenizer.encode(text)
        guard ids.count > maximumTokens else { return ids }
        let suffix = tokenizer.suffix.count
        return Array(ids.prefix(maximumTokens - suffix)) + ids.suffix(suffix)
    }

    /// The unit-length embedding of `text`.
    /// - Complexity: O(layers x (n x hidden x intermediate + n² x hidden)) for n tokens.
    public func embed(_ text: String) -> [Float] {
        Array(embed(tokenized: [tokens(text)]).row(0))
    }

    /// The embeddings of `texts`, one unit-length row each in order, computed on every core: texts sorted by
    /// length, cut into batches of about `batchTokens` tokens, each batch one product per projection.
    public func embed(_ texts: [String], batchTokens: Int = 4096) -> DenseMatrix {
        let tokenized = ParallelMap.chunked(count: texts.count, chunkSize: 64) { range in range.map { tokens(texts[$0]) } }
        return embed(tokenized: tokenized, batchTokens: batchTokens)
    }

    /// The embeddings of texts given as token ids (each below `tokenizer.idLimit`, at most `maximumTokens`).
    public func embed(tokenized: [[Int32]], batchTokens: Int = 4096) -> DenseMatrix {
        let order = tokenized.indices.sorted { tokenized[$0].count < tokenized[$1].count }
        var batches: [[Int]] = []
        var batch: [Int] = []
        var tokens = 0
        for i in order {
            if !batch.isEmpty, tokens + tokenized[i].count > batchTokens {
                batches.append(batch)
                batch = []
                tokens = 0
            }
            batch.append(i)
            tokens += tokenized[i].count
        }
        if !batch.isEmpty { batches.append(batch) }
        let h = dimensions
        var result = DenseMatrix(zeros: tokenized.count, h)
        let run = { (batch: [Int]) in self.forward(batch.map { tokenized[$0] }) }
        // One batch: every core in each product. Several: one core per batch.
        let pooled = batches.count > 1 ? BLAS.withSingleThread { ParallelMap.map(batches, run) } : batches.map(run)
        for (batch, rows) in zip(batches, pooled) {
            for (k, i) in batch.enumerated() {
                result.storage.replaceSubrange((i * h)..<((i + 1) * h), with: rows[(k * h)..<((k + 1) * h)])
            }
        }
        return result
    }
}

extension SentenceEncoder {
    static func json(_ bytes: [UInt8], file: String) throws(EmbeddingError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw .badModelConfiguration(file: file, reason: error.description)
        }
        guard value.members != nil else { throw .badModelConfiguration(file: file, reason: "not a JSON object") }
        return value
    }

    /// The architecture a `config.json` describes; only a BERT encoder with absolute positions and the exact GELU.
    /// - Throws: `EmbeddingError.badModelConfiguration` naming `file`.
    static func configuration(json bytes: [UInt8], file: String) throws(EmbeddingError) -> Configuration {
        let value = try json(bytes, file: file)
        if let type = value["model_type"]?.string, type != "bert" {
            throw .badModelConfiguration(file: file, reason: "model_type '\(type)' (only 'bert' is implemented)")
        }
        if let activation = value["hidden_act"]?.string, activation != "gelu" {
            throw .badModelConfiguration(file: file, reason: "hidden_act '\(activation)' (only 'gelu' is implemented)")
        }
        if let positions = value["position_embedding_type"]?.string, positions != "absolute" {
            throw .badModelConfiguration(
                file: file, reason: "position_embedding_type '\(positions)' (only 'absolute' is implemented)")
        }
        func count(_ name: String, default fallback: Int? = nil) throws(EmbeddingError) -> Int {
            guard let number = value[name]?.integer ?? fallback else {
                throw .badModelConfiguration(file: file, reason: "no \"\(name)\" integer")
            }
            guard number > 0 else { throw .badModelConfiguration(file: file, reason: "\"\(name)\" is \(number)") }
            return number
        }
        func epsilon() throws(EmbeddingError) -> Float {
            let number: Float?
            switch value["layer_norm_eps"] {
            case nil: return 1e-12
            case .integer(let integer)?: number = Float(integer)
            case .number(let text)?: number = Float(text)
            default: number = nil
            }
            guard let number, number >= 0 else {
                throw .badModelConfiguration(file: file, reason: "\"layer_norm_eps\" is not a number >= 0")
            }
            return number
        }
        let configuration = Configuration(
            hiddenSize: try count("hidden_size"), layers: try count("num_hidden_layers"),
            heads: try count("num_attention_heads"), intermediateSize: try count("intermediate_size"),
            maximumPositions: try count("max_position_embeddings"), tokenTypes: try count("type_vocab_size", default: 2),
            layerNormEpsilon: try epsilon())
        guard configuration.hiddenSize % configuration.heads == 0 else {
            throw .badModelConfiguration(
                file: file,
                reason: "hidden_size \(configuration.hiddenSize) is not a multiple of num_attention_heads \(configuration.heads)")
        }
        return configuration
    }
}
