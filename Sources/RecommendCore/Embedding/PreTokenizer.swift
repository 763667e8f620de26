/// How a tokenizer splits normalised text into words before the subword model sees them: the `pre_tokenizer`
/// of a Hugging Face `tokenizer.json`, limited to the kinds the supported model families use.
enum PreTokenizer: Sendable {
    /// No split: the whole text is one word (Llama, whose normalizer marks word starts with U+2581).
    case none
    /// BERT's: whitespace separates words and is dropped; each punctuation character (ASCII punctuation, or any
    /// character of a Unicode punctuation category) is a word of its own.
    case bert

    /// The words of `text`, as ranges of its indices, in order.
    func words(_ text: [Unicode.Scalar]) -> [Range<Int>] {
        switch self {
        case .none:
            return text.isEmpty ? [] : [0..<text.count]
        case .bert:
            var words: [Range<Int>] = []
            var start = 0
            for (i, c) in text.enumerated() {
                if c.properties.isWhitespace {
                    if start < i { words.append(start..<i) }
                    start = i + 1
                } else if Self.isPunctuation(c) {
                    if start < i { words.append(start..<i) }
                    words.append(i..<(i + 1))
                    start = i + 1
                }
            }
            if start < text.count { words.append(start..<text.count) }
            return words
        }
    }

    /// ASCII punctuation (which includes symbols such as `$`, `+`, `<`, `^`, `|`) or a Unicode punctuation
    /// category (Pc, Pd, Ps, Pe, Pi, Pf, Po).
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value
            return (0x21...0x2F).contains(v) || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v)
                || (0x7B...0x7E).contains(v)
        }
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
