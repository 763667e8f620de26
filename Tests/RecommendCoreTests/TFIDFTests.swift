import Testing

@testable import RecommendCore

@Suite struct TFIDFTests {
    /// No stemming, stop words or length limit, min df 1: every word counts, so the values can be done by hand.
    static func plainBuilder(minDF: Int = 1, maxDF: Double = 1.0) -> TFIDFBuilder {
        var text = TextOptions()
        text.stem = false
        text.removeStopWords = false
        text.minTokenLength = 1
        var weighting = WeightingOptions()
        weighting.minDocumentFrequency = minDF
        weighting.maxDocumentFrequency = maxDF
        return TFIDFBuilder(text: text, weighting: weighting)
    }

    static let corpus = [
        Article(id: "d0", title: "apple banana", body: "apple apple cherry"),
        Article(id: "d1", title: "banana", body: "cherry date"),
        Article(id: "d2", title: "cherry", body: "apple"),
    ]

    func weights(_ m: SparseMatrix, row: Int, _ vocabulary: Vocabulary) -> [String: Float] {
        var out: [String: Float] = [:]
        for k in m.range(ofRow: row) { out[vocabulary.terms[Int(m.columns[k])]] = m.values[k] }
        return out
    }

    @Test("weights match hand-computed sublinear tf x smoothed idf, L2-normalised per field")
    func handComputed() throws {
        let (model, vectors) = Self.plainBuilder().build(Self.corpus)
        let v = model.vocabulary
        #expect(v.terms == ["apple", "banana", "cherry", "date"])
        // Title idf: ln(4 / (1 + df)) + 1 with df apple 1, banana 2, cherry 1, date 0 (not a title term).
        #expect(abs(v.titleIDF[0] - 1.693147) < 1e-5)
        #expect(abs(v.titleIDF[1] - 1.287682) < 1e-5)
        #expect(v.titleIDF[3] == 0)
        // d0 title: apple 1.693147, banana 1.287682, normalised by 2.127175.
        let t0 = weights(vectors.title, row: 0, v)
        #expect(abs(t0["apple"]! - 0.795961) < 1e-5)
        #expect(abs(t0["banana"]! - 0.605349) < 1e-5)
        // d0 body: apple tf 2 -> (1 + ln 2) x idf(df 2), cherry 1 x idf(df 2), normalised.
        let b0 = weights(vectors.body, row: 0, v)
        #expect(abs(b0["apple"]! - 0.861037) < 1e-5)
        #expect(abs(b0["cherry"]! - 0.508542) < 1e-5)
        // A one-term field has weight exactly 1.
        #expect(weights(vectors.title, row: 1, v) == ["banana": 1])
    }

    @Test("document-frequency limits apply per field")
    func documentFrequencyLimits() {
        let (model, vectors) = Self.plainBuilder(minDF: 2, maxDF: 0.7).build(Self.corpus)
        let v = model.vocabulary
        // Titles: only banana has df 2 (of 3, under 0.7). Bodies: apple and cherry have df 2; date df 1 is dropped.
        #expect(v.terms == ["apple", "banana", "cherry"])
        #expect(v.titleIDF[1] > 0 && v.titleIDF[0] == 0 && v.titleIDF[2] == 0)
        #expect(v.bodyIDF[0] > 0 && v.bodyIDF[2] > 0 && v.bodyIDF[1] == 0)
        #expect(weights(vectors.body, row: 1, v) == ["cherry": 1])
        #expect(vectors.title.range(ofRow: 2).isEmpty)
    }

    @Test("raw tf and unsmoothed idf when those options are off")
    func rawWeights() {
        var builder = Self.plainBuilder()
        var weighting = builder.weighting
        weighting.sublinearTF = false
        weighting.smoothIDF = false
        builder = TFIDFBuilder(text: builder.text, weighting: weighting)
        let (model, vectors) = builder.build(Self.corpus)
        // Body d0: apple tf 2 x (ln(3/2) + 1), cherry 1 x (ln(3/2) + 1): ratio 2 to 1 after normalising.
        let b0 = weights(vectors.body, row: 0, model.vocabulary)
        #expect(abs(b0["apple"]! - 2 / Float(5).squareRoot()) < 1e-5)
        #expect(abs(model.vocabulary.bodyIDF[0] - 1.405465) < 1e-5)
    }

    @Test("unseen text is vectorised exactly like an indexed article")
    func unseenText() {
        let (model, vectors) = Self.plainBuilder().build(Self.corpus)
        let query = model.vectorize(title: "apple banana", body: "apple apple cherry kiwi")
        #expect(query.title.columns == Array(vectors.title.columns[vectors.title.range(ofRow: 0)]))
        #expect(query.title.values == Array(vectors.title.values[vectors.title.range(ofRow: 0)]))
        #expect(query.body.values == Array(vectors.body.values[vectors.body.range(ofRow: 0)]))
    }

    @Test("display forms are the commonest surface form of each stem")
    func displayForms() throws {
        var text = TextOptions()
        text.minTokenLength = 1
        let articles = (0..<4).map { Article(id: "\($0)", title: "elections", body: "elections election elections") }
        let others = (0..<6).map { Article(id: "x\($0)", title: "other", body: "words here") }
        let (model, _) = TFIDFBuilder(text: text, weighting: WeightingOptions()).build(articles + others)
        let id = try #require(model.vocabulary.id(of: "elect"))
        #expect(model.vocabulary.displayForms[Int(id)] == "elections")
    }

    @Test("the vocabulary does not depend on how the corpus is split across cores")
    func deterministic() {
        let articles = syntheticArticles(count: 700, topics: 7)
        let a = TFIDFBuilder(text: TextOptions(), weighting: WeightingOptions()).build(articles)
        let b = TFIDFBuilder(text: TextOptions(), weighting: WeightingOptions()).build(articles)
        #expect(a.model == b.model)
        #expect(a.vectors == b.vectors)
    }
}
