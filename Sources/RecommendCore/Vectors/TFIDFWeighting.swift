internal import Foundation

/// The TF-IDF formulas, in one place for indexing and for unseen text.
struct TFIDFWeighting: Sendable {
    let options: WeightingOptions

    /// The weight of a raw count before idf: `1 + ln(tf)` when sublinear, else `tf`.
    func termFrequency(_ count: Int) -> Float {
        options.sublinearTF ? 1 + Float(log(Double(count))) : Float(count)
    }

    /// Inverse document frequency of a term in `df` of `n` documents, or 0 when the df limits exclude it.
    func idf(documentFrequency df: Int, documents n: Int) -> Float {
        guard df >= options.minDocumentFrequency, Double(df) <= options.maxDocumentFrequency * Double(n), df > 0
        else { return 0 }
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
