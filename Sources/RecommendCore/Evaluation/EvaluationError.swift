/// Why a labelled corpus cannot be scored.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A corpus line is not a JSON object with a string `id`.
    case malformedLine(file: String, line: Int, detail: String)
    /// The corpus has no article.
    case emptyCorpus(file: String)
    /// `missing` of the index's `count` articles are not in the corpus (`example` is one): the index was built
    /// from another feed, so its lists cannot be scored against these labels.
    case foreignIndex(index: String, corpus: String, missing: Int, count: Int, example: String)

    public var description: String {
        switch self {
        case .malformedLine(let file, let line, let detail): "\(file):\(line): \(detail)"
        case .emptyCorpus(let file): "\(file): no article in the labelled corpus"
        case .foreignIndex(let index, let corpus, let missing, let count, let example):
            "\(index): \(missing) of its \(count) articles are not in \(corpus) (e.g. '\(example)'); "
                + "score an index built from that corpus"
        }
    }
}
