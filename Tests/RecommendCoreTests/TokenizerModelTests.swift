import Foundation
import Testing

@testable import RecommendCore

/// Tokenizer files written out in the tests, small enough to work every id out by hand.
enum TokenizerFixtures {
    /// Llama-style BPE. The merges, by rank: a+b, ▁+a, b+c, ▁+ab, ▁a+bc. Byte fallback covers only the two
    /// bytes of 'ő' (C5 91). "ί" appears twice, as U+03AF (id 14) and as U+1F77 (id 15), canonically equivalent
    /// spellings that must stay distinct.
    static let bytePair = #"""
        {
          "version": "1.0", "truncation": null, "padding": null,
          "added_tokens": [
            {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
          ],
          "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": "\u2581"},
            {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}
          ]},
          "pre_tokenizer": null,
          "post_processor": {"type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
          "decoder": null,
          "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null,
            "end_of_word_suffix": null, "fuse_unk": true, "byte_fallback": true, "ignore_merges": false,
            "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "<0xC5>": 3, "<0x91>": 4, "\u2581": 5, "a": 6, "b": 7, "c": 8,
              "\u2581a": 9, "ab": 10, "bc": 11, "\u2581ab": 12, "\u2581abc": 13, "\u03af": 14, "\u1f77": 15},
            "merges": ["a b", "\u2581 a", "b c", "\u2581 ab", ["\u2581a", "bc"]]}
        }
        """#

    /// BERT WordPiece: lowercasing and accent stripping, words of at most 9 characters.
    static let wordPiece = #"""
        {
          "version": "1.0", "truncation": {"max_length": 128, "strategy": "LongestFirst", "stride": 0}, "padding": null,
          "added_tokens": [
            {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 2, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
            {"id": 3, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
          ],
          "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
          "pre_tokenizer": {"type": "BertPreTokenizer"},
          "post_processor": {"type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
              {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
              "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
          "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
          "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 9,
            "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "un": 4, "##aff": 5, "##able": 6, "cafe": 7, "!": 8,
              ",": 9, "##s": 10, "play": 11, "##ing": 12, "a": 13, "hello": 14, "$": 15, "5": 16}}
        }
        """#

    static func tokenizer(_ json: String, file: String = "tokenizer.json") throws -> TokenizerModel {
        try TokenizerModel(json: Array(json.utf8), file: file)
    }

    /// `json` with its first occurrence of `target` replaced.
    static func replacing(_ target: String, with replacement: String, in json: String) -> String {
        guard let range = json.range(of: target) else { preconditionFailure("no \(target) in the fixture") }
        return json.replacingCharacters(in: range, with: replacement)
    }
}

@Suite struct TokenizerModelTests {
    @Test(
        "Llama BPE: merges by rank, byte fallback, fused unknowns, added tokens, <s> first",
        arguments: [
            // ▁ a b c: a+b (rank 0) first, then ▁+ab (rank 3); b+c never gets its turn, so not ▁abc.
            ("abc", [1, 12, 8]),
            // Two words, split at ▁: ▁ bc (b+c, rank 2; no ▁+bc merge), then ▁a.
            ("bc a", [1, 5, 11, 9]),
            // 'ő' is not in the vocabulary; its bytes C5 91 are.
            ("\u{0151}", [1, 5, 3, 4]),
            // 'é' (C3 A9) has no byte tokens: unknown; two in a row fuse into one.
            ("a\u{00E9}\u{00E9}", [1, 9, 0]),
            // An emoji's four bytes have no tokens either.
            ("\u{1F600}", [1, 5, 0]),
            // Added tokens are cut out first; each piece between is normalised (▁ prepended) on its own.
            ("a</s>b", [1, 9, 2, 5, 7]),
            // Canonically equivalent characters keep their own ids.
            ("\u{1F77}\u{03AF}", [1, 5, 15, 14]),
            ("", [1]),
            // Spaces become ▁; a run of them stays one word start each, and no merge joins ▁ to ▁.
            ("  a", [1, 5, 5, 9]),
        ] as [(String, [Int32])])
    func bytePair(_ text: String, _ expected: [Int32]) throws {
        let tokenizer = try TokenizerFixtures.tokenizer(TokenizerFixtures.bytePair)
        #expect(tokenizer.encode(text) == expected, "\(text.debugDescription)")
        #expect(tokenizer.idLimit == 16)
    }

    @Test("without fuse_unk every unknown character is a token of its own")
    func unfusedUnknowns() throws {
        let json = TokenizerFixtures.replacing(
            #""fuse_unk": true"#, with: #""fuse_unk": false"#, in: TokenizerFixtures.bytePair)
        #expect(try TokenizerFixtures.tokenizer(json).encode("\u{00E9}\u{00E9}") == [1, 5, 0, 0])
    }

    @Test(
        "BERT WordPiece: ## continuations, accents and case folded, punctuation split, [UNK], [CLS] and [SEP]",
        arguments: [
            ("Unaffable!", [2, 4, 5, 6, 8, 3]),
            ("Caf\u{00E9}, playing", [2, 7, 9, 11, 12, 3]),
            ("CAFE\u{0301}", [2, 7, 3]),
            ("plays", [2, 11, 10, 3]),
            // 'xyz' has no piece for 'x': the whole word is unknown.
            ("hello xyz", [2, 14, 1, 3]),
            // Ten characters, over the limit of nine, although un ##aff ##able ##s would match.
            ("unaffables", [2, 1, 3]),
            // A CJK ideograph is a word of its own even without spaces around it.
            ("a\u{4E2D}a", [2, 13, 1, 13, 3]),
            // ASCII symbols split like punctuation; control and zero-width characters vanish.
            ("$5", [2, 15, 16, 3]),
            ("a\u{200B}\u{0007}\tplay\u{00A0}a", [2, 13, 11, 13, 3]),
            ("a[SEP]", [2, 13, 3, 3]),
            ("", [2, 3]),
        ] as [(String, [Int32])])
    func wordPiece(_ text: String, _ expected: [Int32]) throws {
        let tokenizer = try TokenizerFixtures.tokenizer(TokenizerFixtures.wordPiece)
        #expect(tokenizer.encode(text) == expected, "\(text.debugDescription)")
    }

    @Test(
        "components outside the two families are refused by name",
        arguments: [
            (#"{"type": "BertPreTokenizer"}"#, #"{"type": "Whitespace"}"#, "pre-tokenizer 'Whitespace'"),
            (#""type": "BertNormalizer""#, #""type": "NFKC""#, "normalizer 'NFKC'"),
            (#""type": "WordPiece", "unk_token""#, #""type": "Unigram", "unk_token""#, "model 'Unigram'"),
            (
                #""post_processor": {"type": "TemplateProcessing""#, #""post_processor": {"type": "RobertaProcessing""#,
                "post-processor 'RobertaProcessing'"
            ),
            (#""lstrip": false"#, #""lstrip": true"#, "added token '[PAD]' with \"lstrip\": true"),
        ])
    func unsupported(_ target: String, _ replacement: String, _ component: String) {
        let json = TokenizerFixtures.replacing(target, with: replacement, in: TokenizerFixtures.wordPiece)
        let error = #expect(throws: EmbeddingError.self) { try TokenizerFixtures.tokenizer(json, file: "other.json") }
        #expect(error == .unsupportedComponent(file: "other.json", component: component))
    }

    @Test("a regex Replace and BPE dropout are refused by name")
    func unsupportedBytePairOptions() {
        let regex = TokenizerFixtures.replacing(
            #"{"String": " "}"#, with: #"{"Regex": "\\s"}"#, in: TokenizerFixtures.bytePair)
        #expect(
            throws: EmbeddingError.unsupportedComponent(
                file: "tokenizer.json", component: "normalizer Replace with a pattern other than a literal string")
        ) {
            try TokenizerFixtures.tokenizer(regex)
        }
        let dropout = TokenizerFixtures.replacing(
            #""dropout": null"#, with: #""dropout": 0.1"#, in: TokenizerFixtures.bytePair)
        #expect(throws: EmbeddingError.unsupportedComponent(file: "tokenizer.json", component: "BPE with dropout")) {
            try TokenizerFixtures.tokenizer(dropout)
        }
    }

    @Test(
        "malformed files are refused with what is wrong",
        arguments: [
            ("{\"model\": ", "invalid JSON at byte 10: the document ends where a value was expected"),
            ("[]", "the file is not a JSON object"),
            ("{}", "no \"model\" object"),
            (
                TokenizerFixtures.replacing(#""a b""#, with: #""a z""#, in: TokenizerFixtures.bytePair),
                "merge 0 ('a z') names a token missing from the vocabulary"
            ),
            (
                TokenizerFixtures.replacing(
                    #""unk_token": "[UNK]""#, with: #""unk_token": "<unk>""#, in: TokenizerFixtures.wordPiece),
                "the unknown token '<unk>' is not in the vocabulary"
            ),
        ])
    func malformed(_ json: String, _ reason: String) {
        #expect(throws: EmbeddingError.badTokenizer(file: "bad.json", reason: reason)) {
            try TokenizerFixtures.tokenizer(json, file: "bad.json")
        }
    }

    @Test("BPE encodes word by word only when no merge joins a character to a following ▁")
    func wordSplitting() throws {
        guard case .bytePair(let plain) = try TokenizerFixtures.tokenizer(TokenizerFixtures.bytePair).model else {
            Issue.record("not BPE")
            return
        }
        #expect(plain.splitsAtWordStarts)
        // With c+▁ as the first merge the text must stay whole: ▁c▁a becomes ▁ c▁ a, where word by word it would
        // be ▁ c ▁a.
        var json = TokenizerFixtures.replacing(
            #""\u1f77": 15"#, with: #""\u1f77": 15, "c\u2581": 16"#, in: TokenizerFixtures.bytePair)
        json = TokenizerFixtures.replacing(#""merges": ["#, with: #""merges": ["c \u2581", "#, in: json)
        let joined = try TokenizerFixtures.tokenizer(json)
        guard case .bytePair(let encoder) = joined.model else { return }
        #expect(!encoder.splitsAtWordStarts)
        #expect(joined.encode("c a") == [1, 5, 16, 6])
    }
}
