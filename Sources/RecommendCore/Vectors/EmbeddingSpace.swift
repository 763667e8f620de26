/// The articles in the embedding channel's space: one unit vector per article, centred on the mean of the
/// articles' embeddings, with the model that made them and that mean, so that a new text is placed the same way.
///
/// A static model's text vector is a mean of token vectors, and such means share a large common direction
/// (frequent tokens, the model's own bias): uncentred, every pair of articles has a high cosine and the channel
/// says little. Subtracting the corpus mean removes that direction (as SIF embeddings remove their first
/// principal component) and leaves cosines spread around 0, like the other channels'.
public struct EmbeddingSpace: Sendable, Equatable {
    /// The model the vectors come from.
    public let model: EmbeddingModelIdentity
    /// The mean of the articles' model embeddings (`model.dimensions` long), subtracted from every vector.
    public let mean: [Float]
    /// `articles x dimensions` unit vectors, centred on `mean` (a row is all zeros when nothing is left).
    public let vectors: DenseMatrix

    public init(model: EmbeddingModelIdentity, mean: [Float], vectors: DenseMatrix) {
        precondition(mean.count == vectors.columns && model.dimensions == vectors.columns)
        self.model = model
        self.mean = mean
        self.vectors = vectors
    }

    /// The space of articles whose model embeddings are the rows of `embeddings`: their mean, and every row
    /// centred on it and scaled to unit length. A row of zeros is an article without an embedding: it is left
    /// out of the mean and stays zeros.
    /// - Complexity: O(articles × dimensions).
    public init(model: EmbeddingModelIdentity, embeddings: DenseMatrix) {
        let d = embeddings.columns
        var mean = [Float](repeating: 0, count: d)
        var present = 0
        for i in 0..<embeddings.rows where embeddings.row(i).contains(where: { $0 != 0 }) {
            present += 1
            for (k, x) in embeddings.row(i).enumerated() { mean[k] += x }
        }
        if present > 0 { mean = mean.map { $0 / Float(present) } }
        let placed = Self.centred(embeddings, on: mean)
        self.init(model: model, mean: mean, vectors: placed)
    }

    /// The number of dimensions.
    public var dimensions: Int { vectors.columns }

    /// Where a text with model embedding `embedding` lies in this space: centred on `mean`, unit length.
    public func place(_ embedding: [Float]) -> [Float] {
        precondition(embedding.count == dimensions)
        return Self.centred(DenseMatrix(rows: 1, columns: dimensions, storage: embedding), on: mean).storage
    }

    /// The space with the articles of `embeddings` (model embeddings) appended, placed on the same mean: what an
    /// incremental build does, as it keeps the previous latent space.
    public func appending(_ embeddings: DenseMatrix) -> EmbeddingSpace {
        let placed = Self.centred(embeddings, on: mean)
        return EmbeddingSpace(
            model: model, mean: mean,
            vectors: DenseMatrix(
                rows: vectors.rows + placed.rows, columns: dimensions, storage: vectors.storage + placed.storage))
    }

    private static func centred(_ embeddings: DenseMatrix, on mean: [Float]) -> DenseMatrix {
        var out = embeddings
        let d = embeddings.columns
        out.storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<embeddings.rows where (0..<d).contains(where: { s[i * d + $0] != 0 }) {
                for k in 0..<d { s[i * d + k] -= mean[k] }
            }
        }
        out.normalizeRows()
        return out
    }
}
