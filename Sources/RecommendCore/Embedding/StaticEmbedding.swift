/// A static embedding model: a table with one vector per token id and the tokenizer whose ids index it. No
/// network runs; a text costs about what tokenizing it costs.
///
/// A text's embedding is the mean of its tokens' vectors, every token counted (special tokens such as `<s>`
/// included), scaled to unit length: WordLlama's own rule. With `tokenWeights` the mean is weighted instead
/// (for example smooth inverse frequency, `a / (a + p(token))`).
public struct StaticEmbedding: Sendable {
    /// The file names `init(directory:)` reads, those of Hugging Face model folders.
    public static let tableFileName = "model.safetensors"
    public static let tokenizerFileName = "tokenizer.json"

    public let tokenizer: TokenizerModel
    /// One row per token id.
    public let table: DenseMatrix
    /// A weight per token id, or nil for the plain mean.
    public let tokenWeights: [Float]?

    /// The length of every embedding.
    public var dimensions: Int { table.columns }

    /// A model from its parts.
    /// - Throws: `EmbeddingError.mismatchedTable` when the table has fewer rows than the tokenizer has ids, or
    ///   `tokenWeights` is not one weight per row.
    public init(
        tokenizer: TokenizerModel, table: DenseMatrix, tokenWeights: [Float]? = nil, tableFile: String = "table"
    )
        throws(EmbeddingError)
    {
        guard table.rows >= tokenizer.idLimit else {
            throw .mismatchedTable(
                file: tableFile,
                reason: "\(table.rows) rows, but \(tokenizer.file) makes token ids up to \(tokenizer.idLimit - 1)")
        }
        if let tokenWeights, tokenWeights.count != table.rows {
            throw .mismatchedTable(
                file: tableFile, reason: "\(tokenWeights.count) token weights for \(table.rows) rows")
        }
        self.tokenizer = tokenizer
        self.table = table
        self.tokenWeights = tokenWeights
    }

    /// Reads the model in `directory`: `model.safetensors` and `tokenizer.json`.
    /// - Parameter tensor: the table's name in the safetensors file; nil when the file holds only the table.
    /// - Throws: `EmbeddingError` naming the file at fault.
    public init(directory: String, tensor: String? = nil) throws(EmbeddingError) {
        try self.init(
            tablePath: directory + "/" + Self.tableFileName, tokenizerPath: directory + "/" + Self.tokenizerFileName,
            tensor: tensor)
    }

    /// Reads the table from a safetensors file and the tokenizer from a `tokenizer.json`.
    /// - Parameter tensor: the table's name in the safetensors file; nil when the file holds only the table.
    /// - Throws: `EmbeddingError` naming the file at fault.
    public init(tablePath: String, tokenizerPath: String, tensor: String? = nil) throws(EmbeddingError) {
        let tokenizer = try TokenizerModel(path: tokenizerPath)
        let file = try SafetensorsFile(path: tablePath)
        let table: SafetensorsFile.Tensor
        if let tensor {
            table = try file.tensor(named: tensor)
        } else if file.tensors.count == 1 {
            table = file.tensors[0]
        } else {
            throw .mismatchedTable(
                file: tablePath,
                reason:
                    "\(file.tensors.count) tensors (\(file.tensors.map(\.name).joined(separator: ", "))); name the table"
            )
        }
        guard table.shape.count == 2 else {
            throw .mismatchedTable(
                file: tablePath, reason: "tensor '\(table.name)' has shape \(table.shape), not rows x columns")
        }
        try self.init(
            tokenizer: tokenizer,
            table: DenseMatrix(rows: table.shape[0], columns: table.shape[1], storage: file.floats(table)),
            tableFile: tablePath)
    }

    /// The unit-length embedding of `text` (all zeros if its tokens' vectors cancel out).
    /// - Complexity: O(tokenizing + tokens x dimensions).
    public func embed(_ text: String) -> [Float] {
        embed(ids: tokenizer.encode(text))
    }

    /// The unit-length embedding of `text`, tokenized with the word tokens of earlier texts in `cache`.
    public func embed(_ text: String, cache: inout TokenCache) -> [Float] {
        embed(ids: tokenizer.encode(text, cache: &cache))
    }

    /// The unit-length (weighted) mean of the vectors of `ids`, which must be below `tokenizer.idLimit`.
    public func embed(ids: [Int32]) -> [Float] {
        let columns = table.columns
        var sum = [Float](repeating: 0, count: columns)
        table.storage.withUnsafeBufferPointer { rows in
            sum.withUnsafeMutableBufferPointer { sum in
                let sum = sum.baseAddress!
                for id in ids {
                    let row = rows.baseAddress! + Int(id) * columns
                    if let tokenWeights {
                        let weight = tokenWeights[Int(id)]
                        for j in 0..<columns { sum[j] += weight * row[j] }
                    } else {
                        for j in 0..<columns { sum[j] += row[j] }
                    }
                }
            }
        }
        // The mean's direction is the sum's: scaling the sum to unit length gives the normalised mean.
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return sum }
        let scale = 1 / norm
        return sum.map { $0 * scale }
    }

    /// The embeddings of `texts`, one unit-length row each in order, computed on every core.
    /// - Complexity: O(total tokenizing + tokens x dimensions), divided among the cores.
    public func embed(_ texts: [String]) -> DenseMatrix {
        // Chunks large enough for each worker's word cache to pay off, small enough to balance the cores.
        let chunk = max(32, texts.count / (ParallelMap.workers * 2))
        let storage = ParallelMap.chunked(count: texts.count, chunkSize: chunk) { range in
            var rows: [Float] = []
            rows.reserveCapacity(range.count * dimensions)
            var cache = TokenCache()
            for i in range { rows.append(contentsOf: embed(texts[i], cache: &cache)) }
            return rows
        }
        return DenseMatrix(rows: texts.count, columns: dimensions, storage: storage)
    }
}
