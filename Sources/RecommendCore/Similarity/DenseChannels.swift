/// The dense part of the pair score (`ScoreModel`), `β cos(latent_a, latent_b) + η s_a s_b cos(embedding_a,
/// embedding_b)`, as one inner product: article `a`'s row is `[sqrt(β) latent_a | sqrt(η) s_a embedding_a]`,
/// each part present only when the model blends it. One `sgemv` of a query row against the matrix is then the
/// dense part against every article, and the candidate search can look for neighbours in the same rows.
public struct DenseChannels: Sendable {
    /// `articles x (latentDimensions + embeddingDimensions)`.
    public let rows: DenseMatrix
    /// Columns holding the latent part (the first ones).
    public let latentDimensions: Int

    /// The rows of the articles of `vectors`, over `semantic`'s unit latent vectors and `embedding`'s unit
    /// vectors as `model` blends them; nil when it blends neither.
    /// - Complexity: O(articles × dimensions).
    public init?(model: ScoreModel, vectors: FieldVectors, semantic: SemanticSpace?, embedding: EmbeddingSpace?) {
        let latent = model.blendsLatent ? semantic : nil
        let embedded = model.blendsEmbedding ? embedding : nil
        guard latent != nil || embedded != nil else { return nil }
        let dl = latent?.dimensions ?? 0
        let de = embedded?.dimensions ?? 0
        let n = vectors.count
        var storage = [Float](repeating: 0, count: n * (dl + de))
        storage.withUnsafeMutableBufferPointer { out in
            for i in 0..<n {
                let row = UnsafeMutableBufferPointer(rebasing: out[(i * (dl + de))..<((i + 1) * (dl + de))])
                Self.fill(
                    row, model: model, latent: latent?.vectors.row(i), embedding: embedded?.vectors.row(i),
                    terms: Self.terms(of: vectors, row: i))
            }
        }
        rows = DenseMatrix(rows: n, columns: dl + de, storage: storage)
        latentDimensions = dl
    }

    /// The number of columns.
    public var dimensions: Int { rows.columns }

    /// The row of a text (row `row` of `query`, over the index's vocabulary) with unit latent vector `latent` and
    /// unit embedding `embedding`, each nil when the text has none or the space is not blended.
    public func row(
        model: ScoreModel, query: FieldVectors, row: Int, latent: [Float]?, embedding: [Float]?
    ) -> [Float] {
        var out = [Float](repeating: 0, count: dimensions)
        out.withUnsafeMutableBufferPointer { out in
            Self.fill(
                out, model: model, latent: latentDimensions > 0 ? latent?[...] : nil,
                embedding: dimensions > latentDimensions ? embedding?[...] : nil, terms: Self.terms(of: query, row: row))
        }
        return out
    }

    /// The dense part of the score of articles `a` and `b`, split into its latent and embedding parts.
    /// - Complexity: O(dimensions).
    public func parts(_ a: Int, _ b: Int) -> (latent: Float, embedding: Float) {
        let d = dimensions
        return rows.storage.withUnsafeBufferPointer { v in
            let (x, y) = (v.baseAddress! + a * d, v.baseAddress! + b * d)
            let latent = InnerProduct.of(x, y, count: latentDimensions)
            let embedding = InnerProduct.of(x + latentDimensions, y + latentDimensions, count: d - latentDimensions)
            return (latent, embedding)
        }
    }

    /// The dense part of the score of articles `a` and `b`.
    @inline(__always)
    public func score(_ a: Int, _ b: Int) -> Float {
        let d = dimensions
        return rows.storage.withUnsafeBufferPointer { v in
            InnerProduct.of(v.baseAddress! + a * d, v.baseAddress! + b * d, count: d)
        }
    }

    /// The TF-IDF entries of row `row`, headline and body: the lexical evidence `ScoreModel.embeddingScale` weighs.
    static func terms(of vectors: FieldVectors, row: Int) -> Int {
        vectors.title.range(ofRow: row).count + vectors.body.range(ofRow: row).count
    }

    private static func fill(
        _ out: UnsafeMutableBufferPointer<Float>, model: ScoreModel, latent: ArraySlice<Float>?,
        embedding: ArraySlice<Float>?, terms: Int
    ) {
        var k = 0
        if let latent {
            let scale = model.latentWeight.squareRoot()
            for x in latent {
                out[k] = scale * x
                k += 1
            }
        }
        if let embedding {
            let scale = model.embeddingScale(terms: terms)
            for x in embedding {
                out[k] = scale * x
                k += 1
            }
        }
    }
}

extension DenseChannels {
    /// The embedding part of the rows projected on its `count` principal axes, and those axes (nil, and the part
    /// as it is, when it has no more dimensions than `count`, or when LAPACK fails: slower, not worse). Inner
    /// products of the projected rows approximate the embedding part of the score in fewer dimensions: what a
    /// candidate search needs.
    /// - Complexity: O(articles × embedding dimensions × (embedding dimensions + count)) in `sgemm`.
    func projectedEmbeddingPart(axes count: Int) -> (rows: DenseMatrix, axes: DenseMatrix?) {
        let n = rows.rows
        let de = dimensions - latentDimensions
        var part = [Float]()
        part.reserveCapacity(n * de)
        for i in 0..<n { part += rows.row(i).dropFirst(latentDimensions) }
        let embedded = DenseMatrix(rows: n, columns: de, storage: part)
        guard count < de, let axes = try? embedded.principalAxes(count: count) else { return (embedded, nil) }
        return (embedded.projected(on: axes), axes)
    }

    /// Rows to search a text's candidates in, and how to place a text's dense row among them: the latent part as
    /// it is, the embedding part projected on its `axes` principal axes (the rows themselves without an
    /// embedding part).
    func candidateSearch(axes count: Int) -> (rows: DenseMatrix, place: @Sendable ([Float]) -> [Float]) {
        guard dimensions > latentDimensions else { return (rows, { $0 }) }
        let (embedded, axes) = projectedEmbeddingPart(axes: count)
        let dl = latentDimensions
        var storage = [Float]()
        storage.reserveCapacity(rows.rows * (dl + embedded.columns))
        for i in 0..<rows.rows {
            storage += rows.row(i).prefix(dl)
            storage += embedded.row(i)
        }
        let searched = DenseMatrix(rows: rows.rows, columns: dl + embedded.columns, storage: storage)
        return (searched, { q in
            let part = DenseMatrix(rows: 1, columns: q.count - dl, storage: Array(q.dropFirst(dl)))
            return Array(q.prefix(dl)) + (axes.map { part.projected(on: $0).storage } ?? part.storage)
        })
    }
}
