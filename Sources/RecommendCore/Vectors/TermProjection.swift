/// Latent coordinates per term: what places a text that is not in the index (an editor's draft, a new article
/// of an incremental rebuild) in the latent space of a `SemanticSpace`, in time proportional to its own terms.
///
/// The space's article coordinates are `E = X V` for the field-weighted rows `X = U Σ Vᵀ`, so `V = Xᵀ E Σ⁻²`, and
/// a text with title row `t` and body row `b` has coordinates `w Σ_j (t · T_j) E_j Σ⁻² + (1 - w) Σ_j (b · B_j) E_j Σ⁻²`:
/// its lexical scores against every article, weighted by their coordinates. Summed by term instead, that is
/// `Σ_τ t_τ P_title[τ] + Σ_τ b_τ P_body[τ]` with `P_title[τ] = w Σ_j T_jτ E_j Σ⁻²` (`1 - w` for bodies): computed
/// once, from the postings.
public struct TermProjection: Sendable {
    /// The number of latent dimensions.
    public let dimensions: Int
    /// `terms x d`: the latent coordinates one unit of each term's title weight adds.
    let title: [Float]
    /// `terms x d`: the same for body weight.
    let body: [Float]

    /// The projection of every term of the postings lists (terms x articles) into `space`, whose article
    /// coordinates factor the field weighting of `model` (its lexical part).
    /// - Complexity: O((title entries + body entries) × d), on every core.
    public init(space: SemanticSpace, titlePostings: SparseMatrix, bodyPostings: SparseMatrix, model: ScoreModel) {
        let d = space.dimensions
        dimensions = d
        let inverseSquares = space.singularValues.map { $0 > 0 ? 1 / ($0 * $0) : 0 }
        func project(_ postings: SparseMatrix, _ weight: Float) -> [Float] {
            let terms = postings.rowCount
            return ParallelMap.chunked(count: terms, chunkSize: 1024) { range -> [Float] in
                var out = [Float](repeating: 0, count: range.count * d)
                space.vectors.storage.withUnsafeBufferPointer { unit in
                    out.withUnsafeMutableBufferPointer { out in
                        for (slot, term) in range.enumerated() {
                            let row = out.baseAddress! + slot * d
                            for p in postings.range(ofRow: term) {
                                let j = Int(postings.columns[p])
                                let v = weight * postings.values[p] * space.norms[j]
                                let u = unit.baseAddress! + j * d
                                for k in 0..<d { row[k] += v * u[k] }
                            }
                            for k in 0..<d { row[k] *= inverseSquares[k] }
                        }
                    }
                }
                return out
            }
        }
        title = project(titlePostings, model.fieldWeights.title)
        body = project(bodyPostings, model.fieldWeights.body)
    }

    /// The latent coordinates of row `row` of `query` (vectors over the same vocabulary), not normalised: their
    /// length is what `SemanticSpace.norms` holds for an article.
    /// - Complexity: O(entries of the row × d).
    public func coordinates(of query: FieldVectors, row: Int) -> [Float] {
        let d = dimensions
        var q = [Float](repeating: 0, count: d)
        q.withUnsafeMutableBufferPointer { q in
            for (field, projection) in [(query.title, title), (query.body, body)] {
                projection.withUnsafeBufferPointer { p in
                    for k in field.range(ofRow: row) {
                        let v = field.values[k]
                        let term = p.baseAddress! + Int(field.columns[k]) * d
                        for x in 0..<d { q[x] += v * term[x] }
                    }
                }
            }
        }
        return q
    }

    /// The unit latent vector of row `row` of `query` (all zeros when it shares no term with the space).
    public func unitVector(of query: FieldVectors, row: Int) -> [Float] {
        let q = coordinates(of: query, row: row)
        let norm = q.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? q.map { $0 / norm } : q
    }
}
