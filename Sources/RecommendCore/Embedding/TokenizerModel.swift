internal import Foundation

/// A Hugging Face tokenizer read from its `tokenizer.json`, producing the same token ids as the Rust
/// `tokenizers` library (the Python package `tokenizers`) for the two families static embedding models use:
///
/// - Llama-style BPE: normalizer "prepend U+2581" then "replace ' ' by U+2581", no pre-tokenizer, BPE with byte
///   fallback and fused unknown tokens, `<s>` prepended by the post-processor.
/// - BERT WordPiece: `BertNormalizer`, `BertPreTokenizer`, WordPiece with `##` continuations, `[CLS]` and
///   `[SEP]` around the text.
///
/// Any other component is refused when the file is read. Truncation and padding settings in the file are
/// ignored: a text is always tokenized whole. Decoders are not read, as ids are never turned back into text.
public struct TokenizerModel: Sendable {
    /// The subword model, after normalisation and pre-tokenization.
    enum Model: Sendable {
        case bytePair(BytePairEncoder)
        case wordPiece(WordPieceEncoder)
    }

    /// Why a component could not be built; turned into an `EmbeddingError` naming the file.
    enum LoadFailure: Error {
        case bad(String)
        case unsupported(String)
    }

    /// The file the tokenizer was read from (or the name it was given), used in error messages.
    public let file: String
    /// One more than the largest token id the tokenizer can produce.
    public let idLimit: Int
    let addedTokens: AddedTokens
    let normalizer: TextNormalizer?
    let preTokenizer: PreTokenizer
    let model: Model
    /// Ids the post-processor puts before and after the text's tokens.
    let prefix: [Int32]
    let suffix: [Int32]

    /// Reads the `tokenizer.json` at `path`.
    /// - Throws: `EmbeddingError.unreadable`, `.badTokenizer` or `.unsupportedComponent`, naming `path`.
    public init(path: String) throws(EmbeddingError) {
        try self.init(json: try EmbeddingError.contents(of: path), file: path)
    }

    /// Reads a tokenizer from the bytes of a `tokenizer.json`; `file` names it in errors.
    /// - Throws: `EmbeddingError.badTokenizer` or `.unsupportedComponent`.
    public init(json: [UInt8], file: String) throws(EmbeddingError) {
        let root: JSONValue
        do {
            root = try JSONValue.parse(json)
        } catch {
            throw .badTokenizer(file: file, reason: error.description)
        }
        do {
            guard root.members != nil else { throw LoadFailure.bad("the file is not a JSON object") }
            let added = try Self.addedTokens(root["added_tokens"])
            let (model, modelIDs) = try Self.model(root["model"])
            let post = try Self.postProcessor(root["post_processor"])
            self.file = file
            addedTokens = AddedTokens(added)
            normalizer = try root["normalizer"].flatMap { $0.isNull ? nil : try Self.normalizer($0) }
            preTokenizer = try Self.preTokenizer(root["pre_tokenizer"])
            self.model = model
            prefix = post.prefix
            suffix = post.suffix
            let largest = (modelIDs + added.map(\.id) + post.prefix + post.suffix).max() ?? -1
            idLimit = Int(largest) + 1
        } catch LoadFailure.bad(let reason) {
            throw .badTokenizer(file: file, reason: reason)
        } catch LoadFailure.unsupported(let component) {
            throw .unsupportedComponent(file: file, component: component)
        } catch {
            throw .badTokenizer(file: file, reason: "\(error)")
        }
    }

    /// The token ids of `text`, special tokens included, as `Tokenizer.encode(text).ids` gives them.
    /// - Complexity: O(n log n) for BPE, O(n·w) for WordPiece with words of at most w characters.
    public func encode(_ text: String) -> [Int32] {
        var cache = TokenCache()
        return encode(text, cache: &cache)
    }

    /// The token ids of `text`, reusing (and filling) `cache`, the tokens of the words of earlier texts.
    public func encode(_ text: String, cache: inout TokenCache) -> [Int32] {
        var ids = prefix
        ids.reserveCapacity(text.utf8.count / 3 + prefix.count + suffix.count)
        let utf8 = Array(text.utf8)
        for piece in addedTokens.pieces(utf8) {
            switch piece {
            case .token(let id):
                ids.append(id)
            case .text(let range):
                var scalars = Array(String(decoding: utf8[range], as: UTF8.self).unicodeScalars)
                normalizer?.normalize(&scalars)
                switch model {
                case .bytePair(let encoder):
                    for word in preTokenizer.words(scalars) {
                        encoder.encode(Array(scalars[word]), into: &ids, cache: &cache)
                    }
                case .wordPiece(let encoder):
                    for word in preTokenizer.words(scalars) { encoder.encode(scalars[word], into: &ids) }
                }
            }
        }
        ids.append(contentsOf: suffix)
        return ids
    }
}
