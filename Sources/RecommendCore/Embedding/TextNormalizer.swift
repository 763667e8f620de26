internal import Foundation

/// How a tokenizer rewrites text before splitting it: the `normalizer` of a Hugging Face `tokenizer.json`,
/// limited to the kinds the supported model families use. Text is handled as Unicode scalars, as the reference
/// implementation handles `char`s.
enum TextNormalizer: Sendable {
    /// Puts `scalars` before non-empty text (Llama: U+2581, the word-start mark).
    case prepend([Unicode.Scalar])
    /// Replaces every occurrence of `pattern`, left to right without overlap, by `content` (Llama: ' ' by U+2581).
    case replace(pattern: [Unicode.Scalar], content: [Unicode.Scalar])
    /// BERT's normalizer; see `BertNormalization`.
    case bert(BertNormalization)
    /// The normalizers in order.
    case sequence([TextNormalizer])

    /// Rewrites `text` in place.
    func normalize(_ text: inout [Unicode.Scalar]) {
        switch self {
        case .prepend(let scalars):
            if !text.isEmpty { text.insert(contentsOf: scalars, at: 0) }
        case .replace(let pattern, let content):
            text = Self.replacing(pattern, with: content, in: text)
        case .bert(let options):
            options.normalize(&text)
        case .sequence(let normalizers):
            for normalizer in normalizers { normalizer.normalize(&text) }
        }
    }

    private static func replacing(
        _ pattern: [Unicode.Scalar], with content: [Unicode.Scalar], in text: [Unicode.Scalar]
    )
        -> [Unicode.Scalar]
    {
        guard let first = pattern.first, text.contains(first) else { return text }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count + text.count / 4 * max(0, content.count - pattern.count))
        var i = 0
        while i < text.count {
            if text[i] == first, i + pattern.count <= text.count, text[i..<(i + pattern.count)].elementsEqual(pattern) {
                out.append(contentsOf: content)
                i += pattern.count
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }
}

/// BERT's text normalisation (the `BertNormalizer` of `tokenizer.json`), each step optional, in this order:
/// clean text (drop NUL, U+FFFD and control, format and private-use characters other than tab, newline and
/// carriage return; turn every whitespace character into a space), put spaces around CJK ideographs, strip
/// accents (canonical decomposition, then drop non-spacing marks), lowercase (full per-character mapping).
struct BertNormalization: Sendable, Equatable {
    var cleanText = true
    var handleChineseCharacters = true
    var stripAccents = true
    var lowercase = true

    func normalize(_ text: inout [Unicode.Scalar]) {
        if cleanText {
            text = text.compactMap { c in
                if c.value == 0 || c.value == 0xFFFD || Self.isControl(c) { return nil }
                return Self.isWhitespace(c) ? " " : c
            }
        }
        if handleChineseCharacters, text.contains(where: Self.isChineseCharacter) {
            var spaced: [Unicode.Scalar] = []
            spaced.reserveCapacity(text.count + 16)
            for c in text {
                if Self.isChineseCharacter(c) { spaced += [" ", c, " "] } else { spaced.append(c) }
            }
            text = spaced
        }
        if stripAccents, text.contains(where: { !$0.isASCII }) {
            let decomposed = String(String.UnicodeScalarView(text)).decomposedStringWithCanonicalMapping
            text = decomposed.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
        }
        if lowercase {
            var lowered: [Unicode.Scalar] = []
            lowered.reserveCapacity(text.count)
            for c in text {
                if c.isASCII {
                    lowered.append(c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 32)! : c)
                } else if c.properties.changesWhenLowercased {
                    lowered.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
                } else {
                    lowered.append(c)
                }
            }
            text = lowered
        }
    }

    /// Tab, newline and carriage return, and every character with the Unicode White_Space property.
    static func isWhitespace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }

    /// Control (Cc), format (Cf) and private-use (Co) characters, except tab, newline and carriage return.
    /// Unassigned code points are kept, as the reference keeps them.
    static func isControl(_ c: Unicode.Scalar) -> Bool {
        if c == "\t" || c == "\n" || c == "\r" { return false }
        if c.isASCII { return c.value < 0x20 || c.value == 0x7F }
        switch c.properties.generalCategory {
        case .control, .format, .privateUse: return true
        default: return false
        }
    }

    /// The CJK ideograph blocks BERT isolates (not Hangul, Hiragana or Katakana, which separate words by spaces).
    static func isChineseCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            true
        default:
            false
        }
    }
}
