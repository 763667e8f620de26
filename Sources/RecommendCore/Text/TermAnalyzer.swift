/// Turns text into index terms: the tokenizer's surface tokens without stop words, stemmed when the options
/// say so. Indexing and queries both go through here, so a query term always meets the indexed one.
public struct TermAnalyzer: Sendable {
    public let tokenizer: Tokenizer
    private let stemmer = EnglishStemmer()

    public init(options: TextOptions = TextOptions()) {
        tokenizer = Tokenizer(options: options)
    }

    /// The index term of a surface token, or nil for a stop word.
    public func term(forSurface surface: String) -> String? {
        if tokenizer.options.removeStopWords, StopWords.english.contains(surface) { return nil }
        return tokenizer.options.stem ? stemmer.stem(surface) : surface
    }

    /// The index terms of `text`, in order.
    public func terms(_ text: String) -> [String] {
        var out: [String] = []
        tokenizer.forEachToken(in: text) { if let term = term(forSurface: $0) { out.append(term) } }
        return out
    }
}
