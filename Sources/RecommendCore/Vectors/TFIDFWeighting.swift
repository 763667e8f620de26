internal import Foundation

/// The TF-IDF formulas, in one place for indexing and for unseen text.
struct TFIDFWeighting: Sendable {
    let options: WeightingOptions

    /// The weight of a raw count before idf: `1 + ln(tf)` when sublinear, else `tf`.
    func termFrequency(_ count: Int) -> Float {
        options.sublinearTF ? 1 + Float(log(Double(count))) : Float(count)
    }

    /// The document frequencies one field keeps among `n` documents whose terms have frequencies `df`: the
    /// configured min df and max df, relaxed only when they would leave a field that has terms with none at all
    /// (a corpus too small or too uniform for them: 30 copies of one article, where every term is in more than
    /// half of them, or two articles, where min df 2 and max df 0.5 allow no frequency). Max df is lifted first,
    /// and min df lowered to 1 too when min df alone would keep only terms found in every article (which tell no
    /// article from another).
    /// - Returns: the frequencies kept, and a sentence saying what was relaxed (nil when nothing was).
    /// - Complexity: O(`df.count`).
    func limits(_ df: [Int], documents n: Int, field: String) -> (kept: ClosedRange<Int>, relaxed: String?) {
        let minimum = max(1, options.minDocumentFrequency)
        let maximum = Int((options.maxDocumentFrequency * Double(n)).rounded(.down))
        let configured = minimum...max(minimum, maximum)
        guard df.contains(where: { $0 > 0 }) else { return (configured, nil) }
        if minimum <= maximum, df.contains(where: configured.contains) { return (configured, nil) }
        let configuration =
            "min df \(minimum) and max df \(options.maxDocumentFrequency) leave no \(field) term in \(n) articles"
        // Without max df, min df alone must still leave a term that some article lacks: terms found in every
        // article cannot tell articles apart (two different articles of a 2-article corpus would have the same
        // vector, and look like near-duplicates).
        if df.contains(where: { $0 >= minimum && $0 < n }) {
            return (minimum...max(minimum, n), "\(configuration); max df not applied to the \(field) field")
        }
        return (1...max(1, n), "\(configuration); the \(field) field keeps every term (min df 1, no max df)")
    }

    /// Inverse document frequency of a term in `df` of `n` documents, or 0 when `kept` (the field's `limits`)
    /// excludes it.
    func idf(documentFrequency df: Int, documents n: Int, kept: ClosedRange<Int>) -> Float {
        guard df > 0, kept.contains(df) else { return 0 }
        if options.smoothIDF { return Float(log(Double(1 + n) / Double(1 + df)) + 1) }
        return Float(log(Double(n) / Double(df)) + 1)
    }

    /// The distinct term ids of `terms` with their counts, ascending by id.
    static func counts(ofTerms terms: [Int32]) -> [(term: Int32, count: Int)] {
        var out: [(term: Int32, count: Int)] = []
        for t in terms.sorted() {
            if let last = out.last, last.term == t {
                out[out.count - 1].count += 1
            } else {
                out.append((t, 1))
            }
        }
        return out
    }

    /// Appends the normalised weights of one field's (term id, count) pairs, ascending by term id, to a CSR
    /// row; terms with zero idf are left out.
    func appendRow(
        _ counts: [(term: Int32, count: Int)], idf: [Float], columns: inout [Int32], values: inout [Float]
    ) {
        let start = values.count
        var norm: Float = 0
        for (term, count) in counts {
            let w = idf[Int(term)]
            guard w > 0 else { continue }
            let value = termFrequency(count) * w
            columns.append(term)
            values.append(value)
            norm += value * value
        }
        guard norm > 0 else { return }
        let scale = 1 / norm.squareRoot()
        for k in start..<values.count { values[k] *= scale }
    }
}
