/// Why a labelled corpus cannot be scored.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A corpus line is not a JSON object with a string `id`.
    case malformedLine(file: String, line: Int, detail: String)
    /// The corpus has no article.
    case emptyCorpus(file: String)

    public var description: String {
        switch self {
        case .malformedLine(let file, let line, let detail): "\(file):\(line): \(detail)"
        case .emptyCorpus(let file): "\(file): no article in the labelled corpus"
        }
    }
}
