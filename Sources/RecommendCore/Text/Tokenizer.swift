internal import Foundation

/// Splits news text into lower-case, diacritic-free surface tokens.
///
/// Rules, in order:
/// - Unicode compatibility normalisation (NFKD) with combining marks removed and case folded, so
///   "Orbán" is `orban`, "Pogačar" is `pogacar`, "ﬁnance" is `finance` and "ＡＢＣ" is `abc`.
/// - Words are runs of letters and digits. Apostrophes of every kind (' ’ ‘ ʼ) inside a word are
///   dropped ("O’Brien" is `obrien`) and a possessive "’s" is removed ("World’s" is `world`).
/// - Hyphens and dashes of every kind (including the non-breaking hyphen) separate words.
/// - Numbers keep their decimal point and lose thousands separators ("1,200" is `1200`, "3.75" is
///   `3.75`); a currency sign directly before a number stays with it ("$4" is `$4`, "€2.5bn" is `€2.5bn`);
///   a percent sign after one too ("3.75%").
/// - Tokens shorter than the minimum length are dropped. (Stop words are the analyzer's business: see
///   `TermAnalyzer`, which judges each distinct word once rather than every occurrence.)
public struct Tokenizer: Sendable {
    public let options: TextOptions

    public init(options: TextOptions = TextOptions()) {
        self.options = options
    }

    /// The surface tokens of `text`, in order.
    public func tokens(_ text: String) -> [String] {
        var out: [String] = []
        forEachToken(in: text) { out.append($0) }
        return out
    }

    /// Calls `body` with each surface token of `text`, in order.
    /// - Complexity: O(length of `text`).
    public func forEachToken(in text: String, _ body: (String) -> Void) {
        let scalars = Self.folded(text)
        var token: [Unicode.Scalar] = []
        var utf8: [UInt8] = []
        var i = 0
        let n = scalars.count
        func emit() {
            defer { token.removeAll(keepingCapacity: true) }
            guard token.count >= options.minTokenLength else { return }
            utf8.removeAll(keepingCapacity: true)
            for c in token {
                if c.isASCII { utf8.append(UInt8(c.value)) } else { utf8.append(contentsOf: UTF8.encode(c)!) }
            }
            body(String(decoding: utf8, as: UTF8.self))
        }
        while i < n {
            let c = scalars[i]
            if Self.isWordScalar(c) {
                token.append(c)
                i += 1
                continue
            }
            let next: Unicode.Scalar? = i + 1 < n ? scalars[i + 1] : nil
            let previous: Unicode.Scalar? = token.last
            if Self.isApostrophe(c), let previous, Self.isWordScalar(previous), let next, Self.isWordScalar(next) {
                let after: Unicode.Scalar? = i + 2 < n ? scalars[i + 2] : nil
                if next == "s", after.map({ !Self.isWordScalar($0) }) ?? true {
                    i += 2
                    emit()
                } else {
                    i += 1
                }
                continue
            }
            if c == "." || c == ",", let previous, Self.isDigit(previous), let next, Self.isDigit(next),
                Self.isNumeric(token)
            {
                if c == "." { token.append(c) }
                i += 1
                continue
            }
            if Self.isCurrency(c), token.isEmpty, let next, Self.isDigit(next) {
                token.append(c)
                i += 1
                continue
            }
            if c == "%", let previous, Self.isDigit(previous) {
                token.append(c)
                i += 1
                emit()
                continue
            }
            if !token.isEmpty { emit() }
            i += 1
        }
        if !token.isEmpty { emit() }
    }

    /// Whether the token so far is a number (digits, decimal points, a leading currency sign).
    private static func isNumeric(_ token: [Unicode.Scalar]) -> Bool {
        token.allSatisfy { isDigit($0) || $0 == "." || isCurrency($0) }
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value
            return (v >= 97 && v <= 122) || (v >= 48 && v <= 57)
        }
        let p = c.properties
        return p.isAlphabetic || p.numericType == .decimal
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    static func isApostrophe(_ c: Unicode.Scalar) -> Bool {
        c == "'" || c == "\u{2019}" || c == "\u{2018}" || c == "\u{02BC}" || c == "\u{2032}"
    }

    static func isCurrency(_ c: Unicode.Scalar) -> Bool {
        c == "$" || c == "\u{20AC}" || c == "\u{00A3}" || c == "\u{00A5}" || c == "\u{20B9}"
    }

    /// The scalars of `text` after compatibility decomposition, mark removal and case folding.
    static func folded(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for b in text.utf8 {
                out.append(Unicode.Scalar(b >= 65 && b <= 90 ? b + 32 : b))
            }
            return out
        }
        for c in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            if c.isASCII {
                let v = UInt8(c.value)
                out.append(Unicode.Scalar(v >= 65 && v <= 90 ? v + 32 : v))
                continue
            }
            let p = c.properties
            if p.generalCategory == .nonspacingMark { continue }
            if c == "\u{00DF}" {
                out.append("s")
                out.append("s")
                continue
            }
            if p.changesWhenLowercased {
                out.append(contentsOf: p.lowercaseMapping.unicodeScalars)
            } else {
                out.append(c)
            }
        }
        return out
    }
}
