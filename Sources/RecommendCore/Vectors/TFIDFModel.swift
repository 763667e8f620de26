/// What is needed to turn any text into vectors comparable with an index's articles: the vocabulary with
/// its idf per field, the analysis options and the weighting.
public struct TFIDFModel: Sendable, Equatable {
    public let vocabulary: Vocabulary
    public let text: TextOptions
    public let weighting: WeightingOptions

    public init(vocabulary: Vocabulary, text: TextOptions, weighting: WeightingOptions) {
        self.vocabulary = vocabulary
        self.text = text
        self.weighting = weighting
    }

    /// The normalised title and body vectors of a text that is not in the index, as one-row matrices.
    /// Terms the index has never seen (or excluded) are ignored.
    public func vectorize(title: String, body: String) -> FieldVectors {
        let analyzer = TermAnalyzer(options: text)
        let weighting = TFIDFWeighting(options: weighting)
        func row(_ text: String, idf: [Float]) -> SparseMatrix {
            let counts = TFIDFWeighting.counts(ofTerms: analyzer.terms(text).compactMap { vocabulary.id(of: $0) })
            var columns: [Int32] = []
            var values: [Float] = []
            weighting.appendRow(counts, idf: idf, columns: &columns, values: &values)
            return SparseMatrix(
                rowStart: [0, columns.count], columns: columns, values: values, columnCount: vocabulary.count)
        }
        return FieldVectors(title: row(title, idf: vocabulary.titleIDF), body: row(body, idf: vocabulary.bodyIDF))
    }
}
