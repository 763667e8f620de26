/// Building a `TokenizerModel`'s components from the members of a `tokenizer.json`.
extension TokenizerModel {
    typealias Failure = LoadFailure

    static func addedTokens(_ value: JSONValue?) throws(Failure) -> [(content: String, id: Int32)] {
        guard let value, !value.isNull else { return [] }
        guard let entries = value.array else { throw .bad("\"added_tokens\" is not an array") }
        var tokens: [(content: String, id: Int32)] = []
        for entry in entries {
            guard let content = entry["content"]?.string, let id = entry["id"]?.integer, let id32 = Int32(exactly: id),
                id32 >= 0
            else { throw .bad("an added token lacks a \"content\" string or a non-negative \"id\"") }
            for option in ["single_word", "lstrip", "rstrip", "normalized"] where entry[option]?.bool == true {
                throw .unsupported("added token '\(content)' with \"\(option)\": true")
            }
            tokens.append((content, id32))
        }
        return tokens
    }

    static func model(_ value: JSONValue?) throws(Failure) -> (Model, [Int32]) {
        guard let value, value.members != nil else { throw .bad("no \"model\" object") }
        guard let type = value["type"]?.string else { throw .bad("the model has no \"type\"") }
        let vocabulary = try Self.vocabulary(value["vocab"])
        let ids = vocabulary.map(\.id)
        switch type {
        case "BPE":
            if let dropout = value["dropout"], !dropout.isNull { throw .unsupported("BPE with dropout") }
            for option in ["continuing_subword_prefix", "end_of_word_suffix"] {
                if let text = value[option], !text.isNull, text.string != "" {
                    throw .unsupported("BPE with \"\(option)\"")
                }
            }
            let encoder = try BytePairEncoder(
                vocabulary: vocabulary, merges: try merges(value["merges"]),
                unknownToken: try optionalString(value, "unk_token"), fuseUnknown: try flag(value, "fuse_unk", false),
                byteFallback: try flag(value, "byte_fallback", false),
                ignoreMerges: try flag(value, "ignore_merges", false))
            return (.bytePair(encoder), ids)
        case "WordPiece":
            guard let unknown = value["unk_token"]?.string else {
                throw .bad("the WordPiece model has no \"unk_token\"")
            }
            let prefix = try optionalString(value, "continuing_subword_prefix") ?? "##"
            let maximum = value["max_input_chars_per_word"]?.integer ?? 100
            let encoder = try WordPieceEncoder(
                vocabulary: vocabulary, unknownToken: unknown, continuationPrefix: prefix, maximumCharacters: maximum)
            return (.wordPiece(encoder), ids)
        default:
            throw .unsupported("model '\(type)'")
        }
    }

    static func normalizer(_ value: JSONValue) throws(Failure) -> TextNormalizer {
        guard let type = value["type"]?.string else { throw .bad("a normalizer has no \"type\"") }
        switch type {
        case "Sequence":
            guard let parts = value["normalizers"]?.array else {
                throw .bad("a Sequence normalizer has no \"normalizers\"")
            }
            var normalizers: [TextNormalizer] = []
            for part in parts { normalizers.append(try normalizer(part)) }
            return .sequence(normalizers)
        case "Prepend":
            guard let text = value["prepend"]?.string else {
                throw .bad("a Prepend normalizer has no \"prepend\" string")
            }
            return .prepend(Array(text.unicodeScalars))
        case "Replace":
            guard let pattern = value["pattern"] else { throw .bad("a Replace normalizer has no \"pattern\"") }
            guard let literal = pattern["String"]?.string else {
                throw .unsupported("normalizer Replace with a pattern other than a literal string")
            }
            guard !literal.isEmpty else { throw .bad("a Replace normalizer has an empty pattern") }
            guard let content = value["content"]?.string else { throw .bad("a Replace normalizer has no \"content\"") }
            return .replace(pattern: Array(literal.unicodeScalars), content: Array(content.unicodeScalars))
        case "BertNormalizer":
            var options = BertNormalization()
            options.cleanText = try flag(value, "clean_text", true)
            options.handleChineseCharacters = try flag(value, "handle_chinese_chars", true)
            options.lowercase = try flag(value, "lowercase", true)
            // Unset, accents are stripped when the text is lowercased.
            options.stripAccents = try flag(value, "strip_accents", options.lowercase)
            return .bert(options)
        default:
            throw .unsupported("normalizer '\(type)'")
        }
    }

    static func preTokenizer(_ value: JSONValue?) throws(Failure) -> PreTokenizer {
        guard let value, !value.isNull else { return .none }
        guard let type = value["type"]?.string else { throw .bad("the pre-tokenizer has no \"type\"") }
        guard type == "BertPreTokenizer" else { throw .unsupported("pre-tokenizer '\(type)'") }
        return .bert
    }

    /// The ids a post-processor puts before and after a single text.
    static func postProcessor(_ value: JSONValue?) throws(Failure) -> (prefix: [Int32], suffix: [Int32]) {
        guard let value, !value.isNull else { return ([], []) }
        guard let type = value["type"]?.string else { throw .bad("the post-processor has no \"type\"") }
        switch type {
        case "TemplateProcessing":
            guard let single = value["single"]?.array else { throw .bad("the template has no \"single\" list") }
            var prefix: [Int32] = []
            var suffix: [Int32] = []
            var sequences = 0
            for item in single {
                if let sequence = item["Sequence"] {
                    guard sequence["id"]?.string == "A" else {
                        throw .bad("the single template names a sequence other than A")
                    }
                    sequences += 1
                } else if let special = item["SpecialToken"], let name = special["id"]?.string {
                    guard let ids = value["special_tokens"]?[name]?["ids"]?.array else {
                        throw .bad("the template's special token '\(name)' has no ids")
                    }
                    for id in ids {
                        guard let id = id.integer, let id32 = Int32(exactly: id), id32 >= 0 else {
                            throw .bad(
                                "the template's special token '\(name)' has an id that is not a non-negative integer")
                        }
                        if sequences == 0 { prefix.append(id32) } else { suffix.append(id32) }
                    }
                } else {
                    throw .bad("the single template holds an item that is neither a Sequence nor a SpecialToken")
                }
            }
            guard sequences == 1 else { throw .bad("the single template must hold the sequence A exactly once") }
            return (prefix, suffix)
        case "BertProcessing":
            guard let cls = value["cls"]?.array, cls.count == 2,
                let clsID = cls[1].integer.flatMap(Int32.init(exactly:)),
                let sep = value["sep"]?.array, sep.count == 2, let sepID = sep[1].integer.flatMap(Int32.init(exactly:))
            else { throw .bad("BertProcessing needs \"cls\" and \"sep\" as [token, id]") }
            return ([clsID], [sepID])
        default:
            throw .unsupported("post-processor '\(type)'")
        }
    }

    private static func vocabulary(_ value: JSONValue?) throws(Failure) -> [(token: String, id: Int32)] {
        guard let members = value?.members else { throw .bad("the model has no \"vocab\" object") }
        var vocabulary: [(token: String, id: Int32)] = []
        vocabulary.reserveCapacity(members.count)
        for (token, id) in members {
            guard let id = id.integer, let id32 = Int32(exactly: id), id32 >= 0 else {
                throw .bad("the vocabulary entry '\(token)' has an id that is not a non-negative integer")
            }
            vocabulary.append((token, id32))
        }
        return vocabulary
    }

    /// Merges written as "left right" strings or as [left, right] pairs.
    private static func merges(_ value: JSONValue?) throws(Failure) -> [(String, String)] {
        guard let entries = value?.array else { throw .bad("the BPE model has no \"merges\" array") }
        var merges: [(String, String)] = []
        merges.reserveCapacity(entries.count)
        for (rank, entry) in entries.enumerated() {
            if let text = entry.string {
                // Split on the space scalar: a space followed by a combining mark is one `Character`.
                let parts = text.unicodeScalars.split(separator: " ", omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw .bad("merge \(rank) ('\(text)') is not two tokens separated by a space")
                }
                merges.append((String(String.UnicodeScalarView(parts[0])), String(String.UnicodeScalarView(parts[1]))))
            } else if let pair = entry.array, pair.count == 2, let left = pair[0].string, let right = pair[1].string {
                merges.append((left, right))
            } else {
                throw .bad("merge \(rank) is neither a \"left right\" string nor a pair of strings")
            }
        }
        return merges
    }

    private static func flag(_ value: JSONValue, _ name: String, _ missing: Bool) throws(Failure) -> Bool {
        guard let member = value[name], !member.isNull else { return missing }
        guard let flag = member.bool else { throw .bad("\"\(name)\" is not true or false") }
        return flag
    }

    private static func optionalString(_ value: JSONValue, _ name: String) throws(Failure) -> String? {
        guard let member = value[name], !member.isNull else { return nil }
        guard let text = member.string else { throw .bad("\"\(name)\" is not a string") }
        return text
    }
}
