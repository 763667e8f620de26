/// The articles in the embedding channel's space: one vector per article, its model embedding centred on the mean
/// of the articles' embeddings, scaled to unit length and projected on their strongest principal axes, with the
/// model that made them, that mean and those axes, so that a new text is placed the same way.
///
/// A static model's text vector is a mean of token vectors, and such means share a large common direction
/// (frequent tokens, the model's own bias): uncentred, every pair of articles has a high cosine and the channel
/// says little. Subtracting the corpus mean removes that direction (as SIF embeddings remove their first
/// principal component) and leaves cosines spread around 0, like the other channels'. The projection keeps the
/// axes along which this corpus's articles differ most, and is not scaled back to unit length: inner products
/// of projected vectors are the cosines of the unit vectors with the weakest directions left out, so the channel
/// weighs what it did at full width. With WordLlama (256 dimensions) and 64 axes, P@10 of the default on the
/// labelled corpora moved by at most 0.0015 against all 256 (docs/embeddings.md), and every later step
/// (candidates, re-rank, the service, the file) works on a quarter of the floats.
public struct EmbeddingSpace: Sendable, Equatable {
    /// The model the vectors come from.
    public let model: EmbeddingModelIdentity
    /// The mean of the articles' model embeddings (`model.dimensions` long), subtracted from every vector.
    public let mean: [Float]
    /// `axes x model.dimensions`: the principal axes of the centred embeddings, strongest first; nil when the
    /// vectors keep the model's own dimensions.
    public let axes: DenseMatrix?
    /// `articles x dimensions`: unit vectors centred on `mean`, projected on `axes` (so at most unit length); a
    /// row is all zeros for an article without an embedding, or when nothing is left.
    public let vectors: DenseMatrix

    public init(model: EmbeddingModelIdentity, mean: [Float], axes: DenseMatrix?, vectors: DenseMatrix) {
        precondition(mean.count == model.dimensions)
        precondition(axes.map { $0.columns == model.dimensions && $0.rows == vectors.columns } ?? (vectors.columns == model.dimensions))
        self.model = model
        self.mean = mean
        self.axes = axes
        self.vectors = vectors
    }

    /// The space of articles whose model embeddings are the rows of `embeddings`: their mean, their `axes`
    /// strongest principal axes after centring (all dimensions when there are no more than that, or when LAPACK
    /// fails), and every row centred, scaled to unit length and projected. A row of zeros is an article without
    /// an embedding: it is left out of the mean and the axes, and stays zeros.
    /// - Complexity: O(articles × dimensions²) for the axes (one `sgemm`), O(dimensions³) for their eigenvectors.
    public init(model: EmbeddingModelIdentity, embeddings: DenseMatrix, axes count: Int) {
        let d = embeddings.columns
        var mean = [Float](repeating: 0, count: d)
        var present = 0
        for i in 0..<embeddings.rows where embeddings.row(i).contains(where: { $0 != 0 }) {
            present += 1
            for (k, x) in embeddings.row(i).enumerated() { mean[k] += x }
        }
        if present > 0 { mean = mean.map { $0 / Float(present) } }
        let centred = Self.centred(embeddings, on: mean)
        let axes = count < d && present > count ? try? centred.principalAxes(count: count) : nil
        self.init(model: model, mean: mean, axes: axes, vectors: Self.projected(centred, on: axes))
    }

    /// The number of dimensions of the vectors.
    public var dimensions: Int { vectors.columns }

    /// Where a text with embedding `embedding` (`model.dimensions` long, of any length) lies in this space: scaled
    /// to unit length, centred on `mean`, scaled again, projected on the axes. All zeros stays all zeros.
    public func place(_ embedding: [Float]) -> [Float] {
        precondition(embedding.count == model.dimensions)
        return placed(DenseMatrix(rows: 1, columns: model.dimensions, storage: embedding)).storage
    }

    /// The space with the articles of `embeddings` (model embeddings) appended, placed on the same mean and axes:
    /// what an incremental build does, as it keeps the previous latent space.
    public func appending(_ embeddings: DenseMatrix) -> EmbeddingSpace {
        let placed = placed(embeddings)
        return EmbeddingSpace(
            model: model, mean: mean, axes: axes,
            vectors: DenseMatrix(
                rows: vectors.rows + placed.rows, columns: dimensions, storage: vectors.storage + placed.storage))
    }

    /// Each row of `embeddings` placed as `place` places one.
    private func placed(_ embeddings: DenseMatrix) -> DenseMatrix {
        var unit = embeddings
        unit.normalizeRows()
        return Self.projected(Self.centred(unit, on: mean), on: axes)
    }

    /// `embeddings` minus `mean`, rows of zeros left as they are, then scaled to unit length.
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

    /// `rows` projected on `axes` (`rows` itself without axes).
    private static func projected(_ rows: DenseMatrix, on axes: DenseMatrix?) -> DenseMatrix {
        guard let axes else { return rows }
        return rows.projected(on: axes)
    }
}
