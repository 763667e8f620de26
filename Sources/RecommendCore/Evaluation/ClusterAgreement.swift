internal import Foundation

/// Agreement between two assignments of the same items to groups (say, topic clusters and corpus labels),
/// as the reference scorer measures it. Either side may use any hashable group names.
public enum ClusterAgreement {
    /// Normalised mutual information with arithmetic-mean normalisation, `MI / ((H(a) + H(b)) / 2)`, in 0...1;
    /// 1 when both entropies are 0 (everything in one group on both sides). Natural logarithms.
    /// - Precondition: `a` and `b` have the same length.
    /// - Returns: nil for no items.
    /// - Complexity: O(n).
    public static func normalizedMutualInformation<A: Hashable, B: Hashable>(_ a: [A], _ b: [B]) -> Double? {
        guard let table = ContingencyTable(a, b) else { return nil }
        let n = Double(a.count)
        var mutual = 0.0
        for (pair, c) in table.cells {
            let c = Double(c)
            mutual += c / n * log(c * n / (Double(table.rows[pair.a]!) * Double(table.columns[pair.b]!)))
        }
        func entropy(_ counts: Dictionary<some Hashable, Int>.Values) -> Double {
            -counts.reduce(0.0) { $0 + Double($1) / n * log(Double($1) / n) }
        }
        let h = entropy(table.rows.values) + entropy(table.columns.values)
        return h > 0 ? mutual / (h / 2) : 1
    }

    /// The adjusted Rand index (Hubert and Arabie): pair agreement corrected for chance, 1 for identical
    /// partitions, about 0 for independent ones; 1 when the chance-corrected maximum equals the expectation.
    /// - Precondition: `a` and `b` have the same length.
    /// - Returns: nil for no items.
    /// - Complexity: O(n).
    public static func adjustedRandIndex<A: Hashable, B: Hashable>(_ a: [A], _ b: [B]) -> Double? {
        guard let table = ContingencyTable(a, b) else { return nil }
        func pairs(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        let index = table.cells.values.reduce(0.0) { $0 + pairs($1) }
        let rowPairs = table.rows.values.reduce(0.0) { $0 + pairs($1) }
        let columnPairs = table.columns.values.reduce(0.0) { $0 + pairs($1) }
        let expected = a.count > 1 ? rowPairs * columnPairs / pairs(a.count) : 0
        let maximum = (rowPairs + columnPairs) / 2
        return maximum != expected ? (index - expected) / (maximum - expected) : 1
    }

    /// Counts of items per (a, b) pair and per group of each side.
    private struct ContingencyTable<A: Hashable, B: Hashable> {
        struct Pair: Hashable {
            var a: A
            var b: B
        }
        var cells: [Pair: Int] = [:]
        var rows: [A: Int] = [:]
        var columns: [B: Int] = [:]

        init?(_ a: [A], _ b: [B]) {
            precondition(a.count == b.count, "the two assignments must cover the same items")
            guard !a.isEmpty else { return nil }
            for (x, y) in zip(a, b) {
                cells[Pair(a: x, b: y), default: 0] += 1
                rows[x, default: 0] += 1
                columns[y, default: 0] += 1
            }
        }
    }
}
