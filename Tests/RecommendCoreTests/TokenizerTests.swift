import Testing

@testable import RecommendCore

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer(options: { var o = TextOptions(); o.minTokenLength = 1; return o }())
    let defaults = Tokenizer()
    /// Tokens without stop words, unstemmed: what the analyzer makes of text before stemming.
    func words(_ text: String) -> [String] {
        var options = TextOptions()
        options.stem = false
        return TermAnalyzer(options: options).terms(text)
    }

    @Test(
        "real headlines with Unicode punctuation and diacritics",
        arguments: [
            ("Orbán’s Fidesz wins fourth term", ["orban", "fidesz", "wins", "fourth", "term"]),
            ("Pogačar takes yellow jersey in Tour de France", ["pogacar", "takes", "yellow", "jersey", "tour", "de", "france"]),
            ("World’s biggest miner posts $4 trillion loss", ["world", "biggest", "miner", "posts", "$4", "trillion", "loss"]),
            ("“Historic” deal signed in Zürich — for now", ["historic", "deal", "signed", "zurich"]),
            ("Anti\u{2011}war protests spread to São Paulo", ["anti", "war", "protests", "spread", "sao", "paulo"]),
            ("Rates rise 0.25 points to 3.75% in Kraków", ["rates", "rise", "0.25", "points", "3.75%", "krakow"]),
            ("Firm cuts 1,200 jobs after €2.5bn write\u{2013}down", ["firm", "cuts", "1200", "jobs", "€2.5bn", "write"]),
            ("O’Brien: ‘We won’t stop’", ["obrien", "wont", "stop"]),
        ])
    func headlines(_ headline: String, _ expected: [String]) {
        #expect(words(headline) == expected)
    }

    @Test("non-breaking spaces separate words and compatibility forms fold")
    func compatibility() {
        #expect(tokenizer.tokens("10\u{00A0}km ﬁnal ＡＢＣ") == ["10", "km", "final", "abc"])
    }

    @Test("possessive s is removed, other apostrophes join the word")
    func apostrophes() {
        #expect(tokenizer.tokens("Europe's rock'n'roll workers' rights") == ["europe", "rocknroll", "workers", "rights"])
        #expect(tokenizer.tokens("Europe\u{2019}s") == ["europe"])
    }

    @Test("case and diacritics fold the same way for every spelling")
    func folding() {
        #expect(tokenizer.tokens("ORBÁN Orbán orban Orba\u{0301}n") == ["orban", "orban", "orban", "orban"])
        #expect(tokenizer.tokens("Straße") == ["strasse"])
    }

    @Test("stop words and short tokens are dropped by default")
    func stopWordsAndLength() {
        #expect(words("The cat and a dog sat on the mat, I said") == ["cat", "dog", "sat", "mat"])
        #expect(defaults.tokens("The cat and a dog") == ["the", "cat", "and", "dog"])
        var options = TextOptions()
        options.minTokenLength = 4
        #expect(Tokenizer(options: options).tokens("rain in big cities") == ["rain", "cities"])
    }

    @Test("numbers keep decimals and currency, lose thousands separators; a full stop ends a number")
    func numbers() {
        #expect(tokenizer.tokens("£300m, up 5.5%. In 2024, 1,000,000 people") == [
            "£300m", "up", "5.5%", "in", "2024", "1000000", "people",
        ])
        #expect(tokenizer.tokens("It cost $4.") == ["it", "cost", "$4"])
    }

    @Test("the analyzer stems surface tokens")
    func analyzer() {
        let analyzer = TermAnalyzer()
        #expect(analyzer.terms("Elections: voters elect new leaders") == ["elect", "voter", "elect", "new", "leader"])
        var options = TextOptions()
        options.stem = false
        #expect(TermAnalyzer(options: options).terms("voters elected") == ["voters", "elected"])
    }
}
