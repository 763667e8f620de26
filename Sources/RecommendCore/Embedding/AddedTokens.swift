/// The tokenizer's added tokens (`added_tokens` of a Hugging Face `tokenizer.json`, e.g. `<s>`, `[CLS]`): found
/// in the raw text before normalisation, leftmost first and longest among those starting at one place, and
/// given their own ids; the text between them is tokenized piece by piece.
struct AddedTokens: Sendable {
    /// A stretch of the text: bytes to tokenize, or an added token found there.
    enum Piece: Equatable {
        case text(Range<Int>)
        case token(Int32)
    }

    /// Token texts as UTF-8 with their ids, longest first.
    private let tokens: [(bytes: [UInt8], id: Int32)]
    /// Which bytes start some token.
    private let firstBytes: Set<UInt8>

    init(_ tokens: [(content: String, id: Int32)]) {
        self.tokens = tokens.map { (Array($0.content.utf8), $0.id) }.filter { !$0.0.isEmpty }
            .sorted { $0.0.count > $1.0.count }
        firstBytes = Set(self.tokens.map { $0.bytes[0] })
    }

    /// The pieces of `utf8` in order; text pieces are never empty.
    func pieces(_ utf8: [UInt8]) -> [Piece] {
        var pieces: [Piece] = []
        var textStart = 0
        var i = 0
        while i < utf8.count {
            if firstBytes.contains(utf8[i]),
                let match = tokens.first(where: {
                    i + $0.bytes.count <= utf8.count && utf8[i..<(i + $0.bytes.count)].elementsEqual($0.bytes)
                })
            {
                if textStart < i { pieces.append(.text(textStart..<i)) }
                pieces.append(.token(match.id))
                i += match.bytes.count
                textStart = i
            } else {
                i += 1
            }
        }
        if textStart < utf8.count { pieces.append(.text(textStart..<utf8.count)) }
        return pieces
    }
}
