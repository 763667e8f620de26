/// Articles in the latent (LSA) space: coordinates `U Σ`, dimensions in decreasing order of singular value.
public struct LatentVectors: Sendable, Equatable {
    /// `articles x d`, unnormalised.
    public let coordinates: DenseMatrix
    /// The `d` singular values, decreasing.
    public let singularValues: [Float]

    public init(coordinates: DenseMatrix, singularValues: [Float]) {
        self.coordinates = coordinates
        self.singularValues = singularValues
    }

    /// The number of dimensions.
    public var dimensions: Int { coordinates.columns }

    /// Unit vectors over the first `dimensions` coordinates (fewer if there are fewer).
    public func unitVectors(dimensions: Int) -> DenseMatrix {
        prefix(dimensions).normalized
    }

    /// The semantic space over the first `dimensions` coordinates, as stored in the index.
    public func semanticSpace(dimensions: Int) -> SemanticSpace {
        let p = prefix(dimensions)
        let norms = (0..<p.rows).map { i in p.row(i).reduce(0) { $0 + $1 * $1 }.squareRoot() }
        return SemanticSpace(
            vectors: p.normalized, norms: norms, singularValues: Array(singularValues.prefix(p.columns)))
    }

    private func prefix(_ dimensions: Int) -> DenseMatrix {
        let d = min(dimensions, self.dimensions)
        guard d < self.dimensions else { return coordinates }
        var storage = [Float]()
        storage.reserveCapacity(coordinates.rows * d)
        for i in 0..<coordinates.rows { storage += coordinates.row(i).prefix(d) }
        return DenseMatrix(rows: coordinates.rows, columns: d, storage: storage)
    }
}

extension DenseMatrix {
    /// The matrix with every non-zero row scaled to unit length.
    var normalized: DenseMatrix {
        var copy = self
        copy.normalizeRows()
        return copy
    }
}
