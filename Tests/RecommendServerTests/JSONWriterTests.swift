import Foundation
import Testing

@testable import RecommendCore
@testable import RecommendServer

/// The hand-written JSON of the hot responses must be byte for byte what `JSONEncoder` (sorted keys, slashes
/// unescaped) writes, so clients cannot tell which wrote it.
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
