/// A sparse matrix in compressed sparse row form: row `i` holds `columns[rowStart[i]..<rowStart[i+1]]`
/// with `values` alongside, columns ascending within a row.
public struct SparseMatrix: Sendable, Equatable {
    public private(set) var rowStart: [Int]
    public private(set) var columns: [Int32]
    public private(set) var values: [Float]
    /// The number of columns (terms).
    public let columnCount: Int

    public init(rowStart: [Int], columns: [Int32], values: [Float], columnCount: Int) {
        precondition(rowStart.first == 0 && rowStart.last == columns.count && columns.count == values.count)
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
        self.columnCount = columnCount
    }

    /// The number of rows (articles).
    public var rowCount: Int { rowStart.count - 1 }

    /// The number of stored entries.
    public var nonZeroCount: Int { columns.count }

    /// The index range of row `i` in `columns` and `values`.
    @inline(__always)
    public func range(ofRow i: Int) -> Range<Int> { rowStart[i]..<rowStart[i + 1] }

    /// The transpose (compressed sparse column form of this matrix): row `t` of the result lists the rows
    /// of this matrix that have column `t`, ascending.
    /// - Complexity: O(rows + columns + entries).
    public func transposed() -> SparseMatrix {
        var buckets = Buckets(count: columnCount, keys: columns)
        var tColumns = [Int32](repeating: 0, count: columns.count)
        var tValues = [Float](repeating: 0, count: values.count)
        for row in 0..<rowCount {
            for k in range(ofRow: row) {
                let slot = buckets.place(in: Int(columns[k]))
                tColumns[slot] = Int32(row)
                tValues[slot] = values[k]
            }
        }
        return SparseMatrix(rowStart: buckets.start, columns: tColumns, values: tValues, columnCount: rowCount)
    }

    /// The matrix of the given rows, in the order given.
    /// - Complexity: O(rows given + their entries).
    public func rows(_ indices: [Int]) -> SparseMatrix {
        var starts = [0]
        starts.reserveCapacity(indices.count + 1)
        var cols: [Int32] = []
        var vals: [Float] = []
        cols.reserveCapacity(indices.reduce(0) { $0 + range(ofRow: $1).count })
        vals.reserveCapacity(cols.capacity)
        for i in indices {
            cols += columns[range(ofRow: i)]
            vals += values[range(ofRow: i)]
            starts.append(cols.count)
        }
        return SparseMatrix(rowStart: starts, columns: cols, values: vals, columnCount: columnCount)
    }

    /// Whether row `a` of this matrix and row `b` of `other` hold the same columns with values equal up to
    /// `tolerance` (the rounding of one computation done in another order).
    /// - Complexity: O(entries of both rows).
    public func row(_ a: Int, matches other: SparseMatrix, row b: Int, tolerance: Float = 1e-6) -> Bool {
        let mine = range(ofRow: a)
        let theirs = other.range(ofRow: b)
        guard mine.count == theirs.count else { return false }
        return zip(mine, theirs).allSatisfy { i, j in
            columns[i] == other.columns[j] && abs(values[i] - other.values[j]) <= tolerance
        }
    }

    /// The dot product of rows `a` of this matrix and `b` of `other`, by merging their sorted columns.
    /// - Complexity: O(entries of both rows).
    public func dot(row a: Int, with other: SparseMatrix, row b: Int) -> Float {
        var sum: Float = 0
        forEachSharedColumn(row: a, with: other, row: b) { _, x, y in sum += x * y }
        return sum
    }

    /// Calls `body` with each column that row `a` of this matrix and row `b` of `other` both hold, and the two
    /// values, in column order.
    /// - Complexity: O(entries of both rows).
    @inline(__always)
    func forEachSharedColumn(row a: Int, with other: SparseMatrix, row b: Int, _ body: (Int32, Float, Float) -> Void) {
        var i = rowStart[a]
        let iEnd = rowStart[a + 1]
        var j = other.rowStart[b]
        let jEnd = other.rowStart[b + 1]
        while i < iEnd, j < jEnd {
            let ci = columns[i]
            let cj = other.columns[j]
            if ci == cj {
                body(ci, values[i], other.values[j])
                i += 1
                j += 1
            } else if ci < cj {
                i += 1
            } else {
                j += 1
            }
        }
    }
}
