import Testing

@testable import RecommendCore

/// Every expected stem below is the output of the reference Snowball English stemmer (snowballstemmer 3.1.1).
@Suite struct EnglishStemmerTests {
    let stemmer = EnglishStemmer()

    @Test(
        "ordinary words get the reference stems",
        arguments: [
            ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"), ("consignment", "consign"),
            ("consist", "consist"), ("consisted", "consist"), ("consistency", "consist"), ("consistent", "consist"),
            ("consistently", "consist"), ("consisting", "consist"), ("consists", "consist"),
            ("knack", "knack"), ("knackeries", "knackeri"), ("knacks", "knack"), ("knaves", "knave"),
            ("knavish", "knavish"), ("kneaded", "knead"), ("kneeling", "kneel"), ("knees", "knee"),
            ("knightly", "knight"), ("knitting", "knit"), ("knives", "knive"), ("knocker", "knocker"),
            ("running", "run"), ("runner", "runner"), ("united", "unit"), ("cannibalism", "cannib"),
            ("cannibal", "cannib"),
        ]
    )
    func stemsOrdinaryWords(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
    }

    @Test(
        "exceptional forms are stemmed as the list gives them",
        arguments: [
            ("skis", "ski"), ("skies", "sky"), ("sky", "sky"), ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"),
            ("early", "earli"), ("only", "onli"), ("singly", "singl"), ("news", "news"), ("howe", "howe"),
            ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
        ]
    )
    func stemsExceptionalForms(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
    }

    @Test(
        "-ing stays after inn, out, cann, herr, earr, even; -eed stays after proc, exc, succ and outside R1",
        arguments: [
            ("inning", "inning"), ("innings", "inning"), ("outing", "outing"), ("outings", "outing"),
            ("canning", "canning"), ("herring", "herring"), ("herrings", "herring"), ("earring", "earring"),
            ("earrings", "earring"), ("evening", "evening"), ("evenings", "evening"),
            ("proceed", "proceed"), ("proceeds", "proceed"), ("proceeded", "proceed"), ("proceeding", "proceed"),
            ("exceed", "exceed"), ("exceeds", "exceed"), ("exceeded", "exceed"), ("succeed", "succeed"),
            ("succeeding", "succeed"), ("agreed", "agre"), ("feed", "feed"), ("bleed", "bleed"),
        ]
    )
    func keepsListedEndings(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
    }

    @Test(
        "R1 starts right after gener, commun, arsen, past, univers, later, emerg, organ and inter",
        arguments: [
            ("generously", "generous"), ("generous", "generous"), ("generate", "generat"), ("generates", "generat"),
            ("generation", "generat"), ("generations", "generat"), ("general", "general"), ("generally", "general"),
            ("communism", "communism"), ("communist", "communist"), ("communication", "communic"),
            ("communities", "communiti"), ("commune", "commune"), ("arsenal", "arsenal"), ("arsenals", "arsenal"),
            ("arsenic", "arsenic"), ("past", "past"), ("pasted", "paste"), ("pasting", "paste"),
            ("universal", "universal"), ("universities", "universiti"), ("universe", "univers"),
            ("lateral", "lateral"), ("laterally", "lateral"), ("emergency", "emergenc"), ("emerged", "emerg"),
            ("organic", "organic"), ("organisation", "organis"), ("internal", "internal"),
            ("international", "internat"),
        ]
    )
    func honoursExceptionalR1Prefixes(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
    }

    @Test(
        "y is a consonant at the start of a word and after a vowel, and a final y after a consonant becomes i",
        arguments: [
            ("dying", "die"), ("lying", "lie"), ("tying", "tie"), ("eying", "eye"), ("flying", "fli"),
            ("crying", "cri"), ("cry", "cri"), ("cries", "cri"), ("cried", "cri"), ("ties", "tie"), ("tied", "tie"),
            ("says", "say"), ("saying", "say"), ("sayings", "say"), ("enjoy", "enjoy"), ("enjoyed", "enjoy"),
            ("toys", "toy"), ("happy", "happi"), ("happily", "happili"), ("happiness", "happi"),
            ("yearly", "year"), ("youth", "youth"),
        ]
    )
    func handlesY(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
    }

    @Test(
        "step 1 removes plurals and verb endings and tidies what is left",
        arguments: [
            ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("gas", "gas"), ("gaps", "gap"),
            ("kiwis", "kiwi"), ("abyss", "abyss"), ("focus", "focus"), ("hopping", "hop"), ("hopped", "hop"),
            ("hoped", "hope"), ("hoping", "hope"), ("fitted", "fit"), ("filing", "file"), ("filled", "fill"),
            ("fizzed", "fizz"), ("added", "add"), ("adding", "add"), ("egged", "egg"), ("erred", "err"),
            ("offing", "off"), ("dyed", "dy"),
        ]
    )
    func appliesStep1(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
    }

    @Test(
        "steps 2 to 5 remove derivational suffixes in R1 and R2",
        arguments: [
            ("sensational", "sensat"), ("conditional", "condit"), ("rationalize", "ration"), ("valency", "valenc"),
            ("hesitancy", "hesit"), ("digitizer", "digit"), ("conformably", "conform"), ("radically", "radic"),
            ("differently", "differ"), ("vilely", "vile"), ("analogously", "analog"),
            ("vietnamization", "vietnam"), ("predication", "predic"), ("operator", "oper"),
            ("feudalism", "feudal"), ("decisiveness", "decis"), ("hopefulness", "hope"), ("callousness", "callous"),
            ("formality", "formal"), ("sensitivity", "sensit"), ("sensibility", "sensibl"),
            ("triplicate", "triplic"), ("formative", "format"), ("formalize", "formal"), ("electrical", "electr"),
            ("hopeful", "hope"), ("goodness", "good"), ("revival", "reviv"), ("allowance", "allow"),
            ("inference", "infer"), ("airliner", "airlin"), ("gyroscopic", "gyroscop"), ("adjustable", "adjust"),
            ("defensible", "defens"), ("irritant", "irrit"), ("replacement", "replac"), ("adjustment", "adjust"),
            ("dependent", "depend"), ("adoption", "adopt"), ("homologous", "homolog"), ("effective", "effect"),
            ("bowdlerize", "bowdler"), ("probate", "probat"), ("rate", "rate"), ("cease", "ceas"),
            ("controll", "control"), ("roll", "roll"), ("geology", "geolog"), ("geologist", "geolog"),
            ("logical", "logic"),
        ]
    )
    func appliesSteps2To5(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
    }

    @Test(
        "apostrophes: a leading one and a final ', 's or 's' are removed",
        arguments: [
            ("dog's", "dog"), ("kids'", "kid"), ("happy's", "happi"), ("'tis", "tis"), ("evening's", "evening"),
        ]
    )
    func removesApostrophes(word: String, expected: String) {
        #expect(stemmer.stem(word) == expected)
    }

    @Test("words of one or two letters come back unchanged", arguments: ["", "a", "s", "is", "by", "as", "ox", "'s"])
    func leavesShortWordsAlone(word: String) {
        #expect(stemmer.stem(word) == word)
    }

    @Test("words with non-ASCII letters come back unchanged", arguments: ["façades", "café", "naïvely", "vendôme"])
    func leavesNonASCIIWordsAlone(word: String) {
        #expect(stemmer.stem(word) == word)
    }
}
