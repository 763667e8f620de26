import Foundation
import PropertyBased
import Testing

@testable import RecommendCore
import TestSupport

/// The index file as a contract: whatever contents the writer is given, the reader gives them back, and the
/// verifier finds the file sound.
@Suite struct IndexRoundTripTests {
    /// The kinds of contents a build makes.
    enum Kind: Int, CaseIterable {
        case full, incremental, noTopics, noDuplicates, nonDefault
    }

    @Test("read(write(c)) == c and the file verifies, for generated contents of every kind")
    func generated() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        await propertyCheck(
            count: 60, input: Gen.int(in: 1...30), Gen.int(in: 0...6), Gen.int(in: 0...(Kind.allCases.count - 1)),
            Gen.int(in: 0...1_000_000)
        ) { articles, width, kind, seed in
            let contents = Self.generate(
                articles: articles, width: width, kind: Kind(rawValue: kind)!, seed: UInt64(seed))
            let path = dir.file("g\(seed).index")
            defer { unlink(path) }
            try IndexWriter.write(contents, to: path)
            #expect(try RecommendIndex(path: path).contents() == contents)
            let verification = IndexVerifier.verify(path)
            #expect(verification.isSound, "\(verification.problems)")
        }
    }

    @Test("built contents round-trip: full, incremental, without groups, with non-default settings")
    func built() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let articles = try sampleArticles()
        var settings = RecommendConfiguration()
        settings.nearDuplicates = nil
        settings.embedding = nil  // built without a model; EmbeddingChannelTests round-trips the channel
        settings.text.stem = false
        settings.weighting.titleWeight = 0.3
        settings.similarity.neighbours = 7
        settings.similarity.latentSample = nil
        settings.topics.count = 5
        let full = try IndexBuilder().build(articles: Array(articles.dropLast(5))).contents
        let cases: [(String, IndexContents)] = [
            ("full", full),
            ("incremental", try IndexBuilder().update(full, articles: articles).contents),
            ("non-default", try IndexBuilder(configuration: settings).build(articles: articles).contents),
        ]
        for (name, contents) in cases {
            let path = dir.file(name + ".index")
            try IndexWriter.write(contents, to: path)
            #expect(try RecommendIndex(path: path).contents() == contents, "\(name)")
            #expect(IndexVerifier.verify(path).isSound, "\(name)")
        }
        #expect(cases[1].1.metadata.method.hasSuffix("+incremental"))
        #expect(try RecommendIndex(path: dir.file("non-default.index")).metadata.configuration == settings)
    }

    /// Contents with the shape a build gives (unit rows, sorted vocabulary, lists without self or repeats,
    /// groups named by their first article, topics whose sizes match), filled from `seed`.
    static func generate(articles n: Int, width: Int, kind: Kind, seed: UInt64) -> IndexContents {
        var random = SeededRandom(seed: seed)
        func text(_ length: Int) -> String {
            let alphabet = Array("abcdeféñøßжΩ中 -’")
            return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
        }
        var configuration = RecommendConfiguration()
        if kind == .noDuplicates { configuration.nearDuplicates = nil }
        if kind == .nonDefault {
            configuration.nearDuplicates?.bodyCosine = Float.random(in: 0.5...1, using: &random)
            configuration.weighting.titleWeight = Float.random(in: 0...1, using: &random)
            configuration.text.stem = false
            configuration.similarity.latentSample = nil
            configuration.similarity.seed = random.next()
            configuration.topics.count = Int.random(in: 1...9, using: &random)
        }
        let articles = (0..<n).map { i in
            Article(
                id: "id\(i)-" + text(Int.random(in: 0...4, using: &random)), title: text(Int.random(in: 0...20, using: &random)),
                body: "", published: Bool.random(using: &random) ? Int64.random(in: -1 << 40...1 << 40, using: &random) : nil,
                category: Bool.random(using: &random) ? text(3) : nil, url: Bool.random(using: &random) ? "https://x/\(i)" : nil)
        }
        let words = Set((0..<Int.random(in: 1...25, using: &random)).map { _ in text(Int.random(in: 1...6, using: &random)) })
        let terms = words.sorted()
        let vocabulary = Vocabulary(
            terms: terms, displayForms: terms.map { $0.uppercased() },
            titleIDF: terms.map { _ in Float.random(in: 1...5, using: &random) },
            bodyIDF: terms.map { _ in Float.random(in: 1...5, using: &random) })
        func matrix(rows: Int) -> SparseMatrix {
            var starts = [0]
            var columns: [Int32] = []
            var values: [Float] = []
            for _ in 0..<rows {
                let picked = (0..<terms.count).filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
                let raw = picked.map { _ in Float.random(in: 0.1...1, using: &random) }
                let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
                columns += picked.map { Int32($0) }
                values += raw.map { $0 / norm }
                starts.append(columns.count)
            }
            return SparseMatrix(rowStart: starts, columns: columns, values: values, columnCount: terms.count)
        }
        let vectors = FieldVectors(title: matrix(rows: n), body: matrix(rows: n))
        let d = kind == .nonDefault ? 0 : Int.random(in: 1...4, using: &random)
        var unit: [Float] = []
        for _ in 0..<n {
            let row = (0..<d).map { _ in random.nextGaussian() }
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            unit += row.map { $0 / norm }
        }
        let semantic =
            d == 0
            ? nil
            : SemanticSpace(
                vectors: DenseMatrix(rows: n, columns: d, storage: unit),
                norms: (0..<n).map { _ in Float.random(in: 0...3, using: &random) },
                singularValues: (0..<d).map { Float(d - $0) })
        var related = RelatedLists(count: n, width: width)
        for i in 0..<n where width > 0 {
            let others = (0..<n).filter { $0 != i }.shuffled(using: &random).prefix(Int.random(in: 0...width, using: &random))
            var score: Float = 1
            related.set(i, others.map { j in
                score -= Float.random(in: 0...0.1, using: &random)
                return (score, Int32(j))
            })
        }
        let groups = (0..<n).map { i in Int32(i > 0 && Int.random(in: 0..<4, using: &random) == 0 ? 0 : i) }
        var topics: TopicClusters?
        if kind != .noTopics {
            let k = Int.random(in: 1...3, using: &random)
            let assignment = (0..<n).map { _ in Int32(Int.random(in: -1..<k, using: &random)) }
            let table = TopicTable(
                topics: (0..<k).map { c in
                    let members = (0..<n).filter { assignment[$0] == Int32(c) }
                    return Topic(
                        id: c + 1, labelTerms: [text(4)], size: members.count, centralArticles: Array(members.prefix(2)))
                },
                nextID: k + 1 + Int.random(in: 0...3, using: &random),
                count: TopicCount(rule: .auto, requested: k, scores: [0.5, 0.25]))
            topics = TopicClusters(
                table: table, articleTopics: assignment.map { $0 < 0 ? -1 : $0 + 1 },
                centrality: (0..<n).map { _ in Float.random(in: 0...1, using: &random) }, centroids: matrix(rows: k))
        }
        let metadata = IndexMetadata(
            generation: random.next() >> 1, configuration: configuration, articleCount: n, termCount: terms.count,
            neighbours: width, method: kind == .incremental ? "inverted-file+incremental" : "exact",
            semanticDimensions: d)
        return IndexContents(
            metadata: metadata, articles: articles, model: TFIDFModel(
                vocabulary: vocabulary, text: configuration.text, weighting: configuration.weighting),
            vectors: vectors, semantic: semantic, related: related,
            duplicates: configuration.nearDuplicates == nil ? nil : NearDuplicateGroups(group: groups), topics: topics)
    }
}
