/// The L2-normalised TF-IDF vectors of every article, one matrix per field (rows: articles, columns:
/// term ids of the shared vocabulary). An article with no headline terms has an empty title row.
public struct FieldVectors: Sendable, Equatable {
    public let title: SparseMatrix
    public let body: SparseMatrix

    public init(title: SparseMatrix, body: SparseMatrix) {
        precondition(title.rowCount == body.rowCount)
        self.title = title
        self.body = body
    }

    /// The number of articles.
    public var count: Int { title.rowCount }
}
