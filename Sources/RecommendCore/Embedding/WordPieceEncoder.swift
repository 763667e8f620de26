/// WordPiece as BERT tokenizers use it (the `WordPiece` model of a Hugging Face `tokenizer.json`): a word is cut
/// greedily into the longest vocabulary entries from the left, every piece after the first looked up with the
/// continuation prefix (`##`). A word with a part no entry matches, or longer than `maximumCharacters`
/// characters, becomes the single unknown token.
struct WordPieceEncoder: Sendable {
    /// Token ids keyed by their UTF-8 text (bytes, so canonically equivalent spellings stay distinct).
    private let vocabulary: [[UInt8]: Int32]
    private let continuationPrefix: [UInt8]
    private let unknownID: Int32
    private let maximumCharacters: Int

    /// - Throws: a reason when the unknown token is missing from the vocabulary.
    init(
        vocabulary: [(token: String, id: Int32)], unknownToken: String, continuationPrefix: String,
        maximumCharacters: Int
    )
        throws(TokenizerModel.LoadFailure)
    {
        var ids: [[UInt8]: Int32] = [:]
        ids.reserveCapacity(vocabulary.count)
        for (token, id) in vocabulary { ids[Array(token.utf8)] = id }
        guard let unknownID = ids[Array(unknownToken.utf8)] else {
            throw .bad("the unknown token '\(unknownToken)' is not in the vocabulary")
        }
        self.vocabulary = ids
        self.continuationPrefix = Array(continuationPrefix.utf8)
        self.unknownID = unknownID
        self.maximumCharacters = maximumCharacters
    }

    /// Appends the tokens of `word` to `ids`.
    /// - Complexity: O(c² + c·b) lookups and bytes for a word of c characters and b bytes.
    func encode(_ word: ArraySlice<Unicode.Scalar>, into ids: inout [Int32]) {
        guard word.count <= maximumCharacters else {
            ids.append(unknownID)
            return
        }
        var bytes: [UInt8] = []
        // The byte offset at which each character starts, and the end.
        var boundaries: [Int] = [0]
        for c in word {
            if c.isASCII { bytes.append(UInt8(c.value)) } else { bytes.append(contentsOf: UTF8.encode(c)!) }
            boundaries.append(bytes.count)
        }
        let characters = word.count
        var pieces: [Int32] = []
        var start = 0
        var key: [UInt8] = []
        while start < characters {
            var end = characters
            var found: Int32?
            while start < end {
                key.removeAll(keepingCapacity: true)
                if start > 0 { key.append(contentsOf: continuationPrefix) }
                key.append(contentsOf: bytes[boundaries[start]..<boundaries[end]])
                if let id = vocabulary[key] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let found else {
                ids.append(unknownID)
                return
            }
            pieces.append(found)
            start = end
        }
        ids.append(contentsOf: pieces)
    }
}
