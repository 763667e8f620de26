extension SparseMatrix {
    /// This matrix with the rows of `others` (same column space) added below, in order.
    /// - Complexity: O(entries of all matrices).
    func appending(rowsOf others: [SparseMatrix]) -> SparseMatrix {
        var rowStart = rowStart
        var columns = columns
        var values = values
        for other in others {
            precondition(other.columnCount == columnCount)
            let base = columns.count
            rowStart.append(contentsOf: other.rowStart.dropFirst().map { base + $0 })
            columns.append(contentsOf: other.columns)
            values.append(contentsOf: other.values)
        }
        return SparseMatrix(rowStart: rowStart, columns: columns, values: values, columnCount: columnCount)
    }
}
