/// The low-dimensional latent space blended into the pair score: unit article vectors over the first LSA
/// dimensions, with what is needed to place a new text in the same space (`TermProjection`): the length of
/// each article's coordinates and the singular values. So the index needs no terms x dimensions matrix.
public struct SemanticSpace: Sendable, Equatable {
    /// `articles x d` unit vectors.
    public let vectors: DenseMatrix
    /// Length of each article's coordinates before normalising.
    public let norms: [Float]
    /// The `d` singular values.
    public let singularValues: [Float]

    public init(vectors: DenseMatrix, norms: [Float], singularValues: [Float]) {
        precondition(norms.count == vectors.rows && singularValues.count == vectors.columns)
        self.vectors = vectors
        self.norms = norms
        self.singularValues = singularValues
    }

    /// The number of dimensions (0 when the space is empty).
    public var dimensions: Int { vectors.columns }

    /// The inner product of the unit vectors of articles `i` and `j`.
    @inline(__always)
    func cosine(_ i: Int, _ j: Int) -> Float {
        let d = vectors.columns
        return vectors.storage.withUnsafeBufferPointer { v in
            InnerProduct.of(v.baseAddress! + i * d, v.baseAddress! + j * d, count: d)
        }
    }
}
