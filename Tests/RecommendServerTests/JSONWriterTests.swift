import Foundation
import Testing

@testable import RecommendCore
@testable import RecommendServer
import TestSupport

/// The hand-written JSON of the hot responses must be byte for byte what `JSONEncoder` (sorted keys, slashes
/// unescaped) writes, i.e. the CLI's `JSONCoding`, so clients cannot tell which wrote it.
@Suite struct JSONWriterTests {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func written(_ value: some JSONWritable) -> [UInt8] {
        var writer = JSONWriter(capacity: 0)
        value.write(to: &writer)
        return writer.bytes
    }

    @Test("every related list of the sample index is written as JSONEncoder writes it")
    func sampleIndex() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        let index = try RecommendIndex(path: path)
        let encoder = Self.encoder()
        for i in 0..<index.count {
            let response = RelatedResponse(article: index.article(i), related: try index.related(to: i, limit: 50))
            #expect(Self.written(response) == Array(try encoder.encode(response)))
            #expect(Self.written(index.article(i)) == Array(try encoder.encode(index.article(i))))
        }
    }

    @Test("every ranked list of the sample index, with topics, duplicates, pins and explanations, as JSONCoding")
    func rankedLists() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("recommend.index")
        try TestIndex.write(to: path)
        let index = try RecommendIndex(path: path)
        // Every article gets a pin, so that `pinned` appears in every list.
        let pins = (0..<index.count).map { i in
            #"{"pin": "\#(index.article((i + 97) % index.count).id)", "for": "\#(index.article(i).id)", "position": 3}"#
        }
        let overrides = try RelatedOverrides(
            json: Array("[\(pins.joined(separator: ","))]".utf8), path: "overrides.json", index: index)
        let ranker = try RelatedRanker(index: index, overrides: overrides, loadingVectors: true)
        var plain = RelatedQuery()
        plain.limit = 20
        var explained = plain
        explained.explain = true
        explained.diversityLambda = 0.8
        var apart = plain
        apart.collapseDuplicates = false
        var seen = (topic: 0, alsoPublishedAs: 0, entryAlsoPublishedAs: 0, pinned: 0, explanation: 0)
        for i in 0..<index.count {
            for query in [plain, explained, apart] {
                let response = try ranker.related(to: i, query)
                #expect(Self.written(response) == Array(try JSONCoding.line(response).utf8), "article \(i)")
                if response.topic != nil { seen.topic += 1 }
                if response.alsoPublishedAs != nil { seen.alsoPublishedAs += 1 }
                for entry in response.related {
                    if entry.alsoPublishedAs != nil { seen.entryAlsoPublishedAs += 1 }
                    if entry.pinned != nil { seen.pinned += 1 }
                    if entry.explanation != nil { seen.explanation += 1 }
                }
            }
        }
        #expect(seen.topic > 0 && seen.alsoPublishedAs > 0 && seen.entryAlsoPublishedAs > 0)
        #expect(seen.pinned > 0 && seen.explanation > 0)
    }

    @Test("a response with every optional field present, escapes and edge values included")
    func everyOptionalField() throws {
        let summary = ArticleSummary(
            id: "a/1", title: #"The "title" \ naïve"#, published: "2026-03-14T09:30:00Z", category: "world",
            url: "https://example.com/a/1")
        let explanation = Explanation(
            similarity: 0.5,
            terms: [
                .init(term: "élection", contribution: 0.25, share: 0.5),
                .init(term: "a\tb", contribution: 1e-7, share: 0),
            ],
            topic: .init(term: "(topic)", contribution: -0.0, share: 1))
        let related = [
            RelatedArticle(
                rank: 1, score: 0.75, article: summary, alsoPublishedAs: ["b1", "b\"2"], pinned: true,
                explanation: explanation),
            RelatedArticle(rank: 2, score: 0.1, article: ArticleSummary(id: "c", title: "c"), pinned: false),
            RelatedArticle(
                rank: 3, score: 0, article: summary, alsoPublishedAs: [], explanation: .init(similarity: 0, terms: [])),
        ]
        let topic = TopicSummary(id: "t7", labelTerms: ["water", "bogotá"], size: 12, centralArticles: [summary])
        for response in [
            RelatedResponse(article: summary, related: related, alsoPublishedAs: ["x", "y"], topic: topic),
            RelatedResponse(article: nil, related: [], alsoPublishedAs: [], topic: nil),
            RelatedResponse(
                article: nil, related: related,
                topic: TopicSummary(id: "t0", labelTerms: [], size: 0, centralArticles: [])),
        ] {
            #expect(Self.written(response) == Array(try JSONCoding.line(response).utf8))
        }
    }

    @Test(
        "strings with quotes, backslashes, control characters, slashes and non-ASCII text",
        arguments: [
            "plain", "", #"say "hi""#, #"back\slash"#, "tab\tnew\nline\r", "bell\u{07}\u{1F}\u{0C}\u{08}",
            "https://example.com/a/b", "naïve café — 東京 🎉", "\u{2028}\u{7F}",
        ])
    func strings(text: String) throws {
        let summary = ArticleSummary(id: text, title: text, published: nil, category: text, url: text)
        #expect(Self.written(summary) == Array(try Self.encoder().encode(summary)))
    }

    @Test("scores as JSONEncoder writes floats", arguments: [Float(0), 1, 0.5, 0.123456789, 1e-5, 3.4e-9, 0.99999994])
    func scores(score: Float) throws {
        let entry = RelatedArticle(rank: 1, score: score, article: ArticleSummary(id: "a", title: "t"))
        let response = RelatedResponse(article: nil, related: [entry])
        #expect(Self.written(response) == Array(try Self.encoder().encode(response)))
    }
}
