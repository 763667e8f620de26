/// The low-dimensional latent space blended into the pair score: unit article vectors over the first LSA
/// dimensions, with what is needed to place a new text in the same space.
///
/// A text with field-weighted TF-IDF row `x` has latent coordinates `x V` (`V`: the right singular vectors),
/// as an indexed article `X_j` has `X_j V = U_j Σ = E_j`. Since `V = X^T U Σ⁻¹`, `x V = Σ_j (x · X_j) E_j Σ⁻²`:
/// the text's exact lexical scores against the articles, weighted by their coordinates. So unseen text needs
/// no terms x dimensions projection matrix in the index.
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
            var s: Float = 0
            for k in 0..<d { s += v[i * d + k] * v[j * d + k] }
            return s
        }
    }

    /// The unit latent vector of a text from its lexical scores against articles (pairs of article index and
    /// `x · X_j`); articles it shares no term with contribute nothing.
    func foldIn(_ lexical: [(index: Int32, score: Float)]) -> [Float] {
        var q = coordinates(lexical)
        var norm: Float = 0
        for x in q { norm += x * x }
        if norm > 0 { for k in q.indices { q[k] /= norm.squareRoot() } }
        return q
    }

    /// The latent coordinates `x V` of a text (not normalised; their length is what `norms` holds for an
    /// article), from its lexical scores against the articles.
    func coordinates(_ lexical: [(index: Int32, score: Float)]) -> [Float] {
        let d = vectors.columns
        var weights = [Float](repeating: 0, count: vectors.rows)
        for (j, s) in lexical { weights[Int(j)] = s * norms[Int(j)] }
        var q = [Float](repeating: 0, count: d)
        vectors.storage.withUnsafeBufferPointer { v in
            weights.withUnsafeBufferPointer { w in
                q.withUnsafeMutableBufferPointer { out in
                    BLAS.multiplyTransposedVector(
                        v.baseAddress!, w.baseAddress!, into: out.baseAddress!, m: vectors.rows, n: d)
                }
            }
        }
        for k in 0..<d {
            let sigma = singularValues[k]
            q[k] = sigma > 0 ? q[k] / (sigma * sigma) : 0
        }
        return q
    }
}
