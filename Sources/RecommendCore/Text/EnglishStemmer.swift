/// Porter2 (Snowball English) stemmer.
///
/// Implements the English stemming algorithm of the Snowball project, as specified at
/// snowballstem.org/algorithms/english/stemmer.html in its current (Snowball 3) form, and gives the same stems as
/// the reference implementation. That covers the exceptional forms (`skies` -> `sky`, `news` -> `news`, ...), the
/// words whose `-ing` or `-eed` is kept (`inning`, `proceed`, ...), the prefixes after which R1 starts (`gener`,
/// `commun`, `arsen`, `past`, `univers`, ...), a `y` acting as a consonant at the start of a word or after a vowel,
/// and the apostrophe endings `'`, `'s` and `'s'`.
///
/// The stemmer works on the UTF-8 bytes of a lower-case word. A word holding a non-ASCII byte is returned unchanged,
/// as is a word of one or two letters.
///
/// ```swift
/// let stemmer = EnglishStemmer()
/// stemmer.stem("generously")  // "generous"
/// stemmer.stem("knackeries")  // "knackeri"
/// ```
public struct EnglishStemmer: Sendable {
    /// Creates a stemmer. It holds no state, so one value can be shared across tasks.
    public init() {}

    /// Returns the stem of a lower-case word. Words of one or two letters come back unchanged.
    ///
    /// - Parameter word: One lower-case word, without surrounding spaces or punctuation.
    /// - Returns: The Porter2 stem of `word`; `word` itself when it is shorter than three bytes or holds a non-ASCII
    ///   byte.
    /// - Complexity: O(*n*) in the length of `word`.
    public func stem(_ word: String) -> String {
        let utf8 = word.utf8
        guard utf8.count > 2, utf8.allSatisfy({ $0 < 0x80 }) else { return word }
        let bytes = Array(utf8)
        if let exception = Self.exceptionalForms.first(where: { $0.form == bytes }) {
            return String(decoding: exception.stem, as: UTF8.self)
        }
        var stemmed = Word(bytes)
        stemmed.stem()
        return String(decoding: stemmed.bytes, as: UTF8.self)
    }

    /// Whole words whose stem is given outright, before any other rule applies.
    static let exceptionalForms: [(form: [UInt8], stem: [UInt8])] = [
        ("skis", "ski"), ("skies", "sky"), ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"),
        ("only", "onli"), ("singly", "singl"), ("sky", "sky"), ("news", "news"), ("howe", "howe"), ("atlas", "atlas"),
        ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }
}

extension EnglishStemmer {
    /// A word in the middle of being stemmed: its bytes, with `Y` marking a consonant `y`, and its regions.
    struct Word {
        /// The word so far. A `y` acting as a consonant is held as `Y` until the end.
        var bytes: [UInt8]
        /// Start of region R1: just past the first non-vowel that follows a vowel, or past an exceptional prefix.
        var r1 = 0
        /// Start of region R2: the same rule applied again inside R1.
        var r2 = 0
        /// Whether any `y` was marked as a consonant.
        var hasConsonantY = false

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// Runs the prelude, steps 0 to 5 and the postlude.
        mutating func stem() {
            markConsonantY()
            markRegions()
            removeApostropheEnding()
            removePluralEnding()
            removeVerbEnding()
            replaceFinalY()
            applyLongestRule(Self.step2Rules, region: r1)
            applyLongestRule(Self.step3Rules, region: r1)
            applyLongestRule(Self.step4Rules, region: r2)
            removeFinalEOrL()
            if hasConsonantY {
                for index in bytes.indices where bytes[index] == Byte.upperY {
                    bytes[index] = Byte.y
                }
            }
        }

        // MARK: Prelude and regions

        /// Drops a leading apostrophe and turns an initial `y`, or a `y` after a vowel, into `Y`.
        mutating func markConsonantY() {
            if bytes.first == Byte.apostrophe {
                bytes.removeFirst()
            }
            for index in bytes.indices where bytes[index] == Byte.y && (index == 0 || Byte.isVowel(bytes[index - 1])) {
                bytes[index] = Byte.upperY
                hasConsonantY = true
            }
        }

        /// Sets R1 and R2; a word starting with one of `r1Prefixes` has R1 start right after it.
        mutating func markRegions() {
            r1 = bytes.count
            r2 = bytes.count
            if let prefix = Self.r1Prefixes.first(where: { hasPrefix($0) }) {
                r1 = prefix.count
            } else if let start = regionStart(from: 0) {
                r1 = start
            } else {
                return
            }
            r2 = regionStart(from: r1) ?? bytes.count
        }

        /// The index just past the first non-vowel that follows a vowel at or after `start`, if there is one.
        func regionStart(from start: Int) -> Int? {
            guard var index = bytes[start...].firstIndex(where: Byte.isVowel) else { return nil }
            repeat {
                index += 1
            } while index < bytes.count && Byte.isVowel(bytes[index])
            return index < bytes.count ? index + 1 : nil
        }

        static let r1Prefixes: [[UInt8]] = [
            "arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers",
        ].map { Array($0.utf8) }

        // MARK: Steps 0 and 1

        /// Step 0: removes the longest of `'s'`, `'s` and `'`.
        mutating func removeApostropheEnding() {
            if hasSuffix("'s'") {
                bytes.removeLast(3)
            } else if hasSuffix("'s") {
                bytes.removeLast(2)
            } else if hasSuffix("'") {
                bytes.removeLast()
            }
        }

        /// Step 1a: `sses` -> `ss`; `ied` and `ies` -> `i` after two or more letters, else `ie`; a final `s` goes
        /// when a vowel comes before the letter preceding it; `ss` and `us` stay.
        mutating func removePluralEnding() {
            let count = bytes.count
            if hasSuffix("sses") {
                bytes.removeLast(2)
            } else if hasSuffix("ied") || hasSuffix("ies") {
                bytes.removeLast(count > 4 ? 2 : 1)
            } else if hasSuffix("ss") || hasSuffix("us") {
                return
            } else if hasSuffix("s"), count >= 2, bytes[..<(count - 2)].contains(where: Byte.isVowel) {
                bytes.removeLast()
            }
        }

        /// Step 1b: `eed` and `eedly` -> `ee` in R1; `ed`, `edly`, `ing` and `ingly` go after a part holding a vowel,
        /// and then `at`, `bl`, `iz` gain an `e`, a double letter is undoubled and a short word gains an `e`.
        mutating func removeVerbEnding() {
            guard let (suffix, kind) = Self.verbEndings.first(where: { hasSuffix($0.suffix) }) else { return }
            let start = bytes.count - suffix.count
            switch kind {
            case .eed:
                if start >= r1 && !Self.keptEedStems.contains(where: { isWhole($0, before: start) }) {
                    bytes.removeLast(suffix.count - 2)  // "agreed" -> "agree", "proceed" stays.
                }
                return
            case .ing:
                if Self.keptIngStems.contains(where: { isWhole($0, before: start) }) {
                    return  // "inning", "outing", "canning", "herring", "earring", "evening"
                }
                if start == 2 && bytes[1] == Byte.y && !Byte.isVowel(bytes[0]) {
                    bytes.replaceSubrange(1..., with: [Byte.i, Byte.e])  // "dying" -> "die"
                    return
                }
            case .other:
                break
            }
            guard bytes[..<start].contains(where: Byte.isVowel) else { return }
            bytes.removeLast(suffix.count)
            let count = bytes.count
            if hasSuffix("at") || hasSuffix("bl") || hasSuffix("iz") {
                bytes.append(Byte.e)
            } else if count >= 2 && bytes[count - 1] == bytes[count - 2] && Byte.isUndoubled(bytes[count - 1]) {
                if count != 3 || !Byte.isAEO(bytes[0]) {
                    bytes.removeLast()  // "hopp" -> "hop"; "add", "egg", "err", "off" keep the double.
                }
            } else if count == r1 && endsWithShortSyllable(before: count) {
                bytes.append(Byte.e)  // "hop" -> "hope"
            }
        }

        /// How step 1b treats a suffix.
        enum VerbEnding {
            case eed, ing, other
        }

        /// Step 1b suffixes, longest first, so the first match is the longest.
        static let verbEndings: [(suffix: [UInt8], kind: VerbEnding)] = [
            (Array("eedly".utf8), .eed), (Array("ingly".utf8), .other), (Array("edly".utf8), .other),
            (Array("eed".utf8), .eed), (Array("ing".utf8), .ing), (Array("ed".utf8), .other),
        ]

        /// Whole words that keep a following `eed`.
        static let keptEedStems: [[UInt8]] = ["succ", "proc", "exc"].map { Array($0.utf8) }

        /// Whole words that keep a following `ing`.
        static let keptIngStems: [[UInt8]] = ["even", "cann", "inn", "earr", "herr", "out"].map { Array($0.utf8) }

        /// Step 1c: a final `y` or `Y` after a non-vowel that is not the first letter becomes `i`.
        mutating func replaceFinalY() {
            let count = bytes.count
            guard count >= 3, bytes[count - 1] == Byte.y || bytes[count - 1] == Byte.upperY,
                !Byte.isVowel(bytes[count - 2])
            else { return }
            bytes[count - 1] = Byte.i
        }

        // MARK: Steps 2 to 5

        /// Finds the longest suffix among `rules`; if it starts in the region and its condition holds, replaces it.
        /// A shorter suffix is never tried once a longer one has matched.
        mutating func applyLongestRule(_ rules: [SuffixRule], region: Int) {
            guard let rule = rules.first(where: { hasSuffix($0.suffix) }) else { return }
            let start = bytes.count - rule.suffix.count
            guard start >= region else { return }
            let before = start > 0 ? bytes[start - 1] : 0
            switch rule.condition {
            case .none: break
            case .inR2: guard start >= r2 else { return }
            case .afterL: guard before == Byte.l else { return }
            case .afterValidLi: guard Byte.isValidLiEnding(before) else { return }
            case .afterSOrT: guard before == Byte.s || before == Byte.t else { return }
            }
            bytes.replaceSubrange(start..., with: rule.replacement)
        }

        /// Step 2: derivational suffixes in R1 (`ational` -> `ate`, `ousli` -> `ous`, ...), longest first.
        static let step2Rules: [SuffixRule] = [
            SuffixRule("ational", "ate"), SuffixRule("ization", "ize"), SuffixRule("iveness", "ive"),
            SuffixRule("fulness", "ful"), SuffixRule("ousness", "ous"), SuffixRule("tional", "tion"),
            SuffixRule("biliti", "ble"), SuffixRule("lessli", "less"), SuffixRule("entli", "ent"),
            SuffixRule("ation", "ate"), SuffixRule("alism", "al"), SuffixRule("aliti", "al"),
            SuffixRule("ousli", "ous"), SuffixRule("iviti", "ive"), SuffixRule("fulli", "ful"),
            SuffixRule("ogist", "og"), SuffixRule("enci", "ence"), SuffixRule("anci", "ance"),
            SuffixRule("abli", "able"), SuffixRule("izer", "ize"), SuffixRule("ator", "ate"),
            SuffixRule("alli", "al"), SuffixRule("bli", "ble"), SuffixRule("ogi", "og", .afterL),
            SuffixRule("li", "", .afterValidLi),
        ]

        /// Step 3: further suffixes in R1 (`icate` -> `ic`, `ness` -> nothing, ...), longest first.
        static let step3Rules: [SuffixRule] = [
            SuffixRule("ational", "ate"), SuffixRule("tional", "tion"), SuffixRule("alize", "al"),
            SuffixRule("icate", "ic"), SuffixRule("iciti", "ic"), SuffixRule("ative", "", .inR2),
            SuffixRule("ical", "ic"), SuffixRule("ness", ""), SuffixRule("ful", ""),
        ]

        /// Step 4: suffixes deleted in R2, longest first.
        static let step4Rules: [SuffixRule] = [
            SuffixRule("ement", ""), SuffixRule("ance", ""), SuffixRule("ence", ""), SuffixRule("able", ""),
            SuffixRule("ible", ""), SuffixRule("ment", ""), SuffixRule("ate", ""), SuffixRule("ive", ""),
            SuffixRule("ize", ""), SuffixRule("iti", ""), SuffixRule("ism", ""), SuffixRule("ion", "", .afterSOrT),
            SuffixRule("ous", ""), SuffixRule("ant", ""), SuffixRule("ent", ""), SuffixRule("ic", ""),
            SuffixRule("al", ""), SuffixRule("er", ""),
        ]

        /// Step 5: a final `e` goes in R2, or in R1 when not after a short syllable; a final `l` goes in R2 after `l`.
        mutating func removeFinalEOrL() {
            guard let last = bytes.last else { return }
            let start = bytes.count - 1
            if last == Byte.e && (start >= r2 || (start >= r1 && !endsWithShortSyllable(before: start))) {
                bytes.removeLast()
            } else if last == Byte.l && start >= r2 && start > 0 && bytes[start - 1] == Byte.l {
                bytes.removeLast()
            }
        }

        // MARK: Tests on the bytes

        /// Whether the bytes before `end` end in a short syllable: a vowel between a non-vowel and a final non-vowel
        /// other than `w`, `x` or `Y`; a vowel and a non-vowel making up the whole word; or `past`.
        func endsWithShortSyllable(before end: Int) -> Bool {
            if end >= 3 && !Byte.isVowelOrWXY(bytes[end - 1]) && Byte.isVowel(bytes[end - 2])
                && !Byte.isVowel(bytes[end - 3])
            {
                return true
            }
            if end == 2 && !Byte.isVowel(bytes[1]) && Byte.isVowel(bytes[0]) {
                return true
            }
            return end >= 4 && bytes[(end - 4)..<end].elementsEqual("past".utf8)
        }

        func hasSuffix(_ suffix: [UInt8]) -> Bool {
            suffix.count <= bytes.count && bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
        }

        func hasSuffix(_ suffix: StaticString) -> Bool {
            suffix.withUTF8Buffer { hasSuffix($0) }
        }

        func hasSuffix(_ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
            suffix.count <= bytes.count && bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
        }

        func hasPrefix(_ prefix: [UInt8]) -> Bool {
            prefix.count <= bytes.count && bytes[..<prefix.count].elementsEqual(prefix)
        }

        /// Whether the bytes before `end` are exactly `stem`.
        func isWhole(_ stem: [UInt8], before end: Int) -> Bool {
            end == stem.count && bytes[..<end].elementsEqual(stem)
        }
    }

    /// A suffix, its replacement, and what must hold besides the suffix starting in the step's region.
    struct SuffixRule: Sendable {
        enum Condition: Sendable {
            case none
            /// The suffix also starts in R2.
            case inR2
            /// The suffix follows an `l`.
            case afterL
            /// The suffix follows one of `c d e g h k m n r t`.
            case afterValidLi
            /// The suffix follows an `s` or a `t`.
            case afterSOrT
        }

        let suffix: [UInt8]
        let replacement: [UInt8]
        let condition: Condition

        init(_ suffix: String, _ replacement: String, _ condition: Condition = .none) {
            self.suffix = Array(suffix.utf8)
            self.replacement = Array(replacement.utf8)
            self.condition = condition
        }
    }

    /// The bytes and letter classes the algorithm refers to.
    enum Byte {
        static let apostrophe = UInt8(ascii: "'")
        static let upperY = UInt8(ascii: "Y")
        static let e = UInt8(ascii: "e")
        static let i = UInt8(ascii: "i")
        static let l = UInt8(ascii: "l")
        static let s = UInt8(ascii: "s")
        static let t = UInt8(ascii: "t")
        static let y = UInt8(ascii: "y")

        /// `a e i o u y`; a `y` marked as a consonant (`Y`) is not a vowel.
        static func isVowel(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
                UInt8(ascii: "y"):
                true
            default:
                false
            }
        }

        /// A vowel, `w`, `x` or `Y`: the letters that cannot end a short syllable.
        static func isVowelOrWXY(_ byte: UInt8) -> Bool {
            isVowel(byte) || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "x") || byte == upperY
        }

        /// `a`, `e` or `o`: a word made of one of these and a double letter keeps the double (`add`, `egg`, `off`).
        static func isAEO(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "a") || byte == e || byte == UInt8(ascii: "o")
        }

        /// The letters undoubled at the end of step 1b: `b d f g m n p r t`.
        static func isUndoubled(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "m"),
                UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                true
            default:
                false
            }
        }

        /// The letters after which step 2 deletes `li`: `c d e g h k m n r t`.
        static func isValidLiEnding(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "h"),
                UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                true
            default:
                false
            }
        }
    }
}
