import Foundation
import TestSupport
import Testing

@testable import RecommendCore

/// `IndexVerifier` against damage of every part of the file: bit flips and truncation that the checksums see,
/// and inconsistent contents written with valid checksums (a writer bug), which only the structure checks see.
@Suite struct IndexVerifierTests {
    static let contents: IndexContents = {
        var articles = try! sampleArticles()
        articles[3].published = nil
        // With an embedding channel, so that every section a file can hold is there to be damaged.
        var configuration = RecommendConfiguration()
        configuration.embedding?.dimensions = 8  // projected on principal axes: section EMBA too
        let builder = IndexBuilder(
            configuration: configuration, embedder: .success(try! TestEmbeddingModel.sampleEmbedder()))
        return try! builder.build(articles: articles).contents
    }()

    static func verify(_ bytes: [UInt8]) throws -> IndexVerification {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        return IndexVerifier.verify(try dir.write("x.index", bytes))
    }

    @Test("a sound index is sound, every section listed")
    func sound() throws {
        let bytes = try IndexWriter.encode(Self.contents)
        let result = try Self.verify(bytes)
        #expect(result.isSound, "\(result.problems)")
        #expect(result.articles == 200 && result.formatVersion == IndexFormat.version)
        #expect(Set(result.sections.map(\.tag)) == Set(SectionTag.allCases.map(\.rawValue)))
    }

    @Test(
        "a flipped byte in any section, the header or the section table is found and named",
        arguments: [0.0, 0.5, 0.999])
    func flippedByte(at fraction: Double) throws {
        let bytes = try IndexWriter.encode(Self.contents)
        for section in IndexFileTests.sections(of: bytes) where section.length > 0 {
            var damaged = bytes
            damaged[section.offset + Int(Double(section.length - 1) * fraction)] ^= 0x10
            let result = try Self.verify(damaged)
            #expect(result.damagedSections == [section.tag], "flip in \(section.tag): \(result.problems)")
        }
        for (position, part) in [(9, "header"), (20, "header"), (40, "section table"), (32 * 5 + 12, "section table")] {
            var damaged = bytes
            damaged[position] ^= 0x01
            let result = try Self.verify(damaged)
            #expect(result.damagedSections == [part], "flip at byte \(position): \(result.problems)")
        }
    }

    @Test("a truncated or extended file is damaged; a missing one is unreadable")
    func truncation() throws {
        let bytes = try IndexWriter.encode(Self.contents)
        for length in [0, 16, 31, 32, 1000, bytes.count / 2, bytes.count - 1] {
            let result = try Self.verify(Array(bytes.prefix(length)))
            #expect(!result.isSound && result.readable, "truncated to \(length)")
        }
        #expect(!(try Self.verify(bytes + [0])).isSound)
        let missing = IndexVerifier.verify("/nonexistent/x.index")
        #expect(!missing.readable && !missing.isSound)
    }

    /// Contents damaged before writing, so every checksum matches: only the structure checks can see it.
    static let inconsistent: [(String, String, @Sendable (inout IndexContents) -> Void)] = [
        ("a list points at its own article", "RIDX", { $0.related.indices[0] = 0 }),
        ("a list points past the articles", "RIDX", { $0.related.indices[5] = 9_999 }),
        ("a list repeats an article", "RIDX", { $0.related.indices[1] = $0.related.indices[0] }),
        ("a list has an entry after its end", "RIDX", { $0.related.indices[2] = -1 }),
        ("scores ascend", "RSCO", { $0.related.scores[1] = $0.related.scores[0] + 1 }),
        ("a score is not finite", "RSCO", { $0.related.scores[0] = .nan }),
        ("two articles share an id", "IDOR", { $0.articles[1].id = $0.articles[0].id }),
        (
            "a near-duplicate group names a later article", "DUPG",
            {
                $0.duplicates = NearDuplicateGroups(group: $0.duplicates!.group.enumerated().map { $0 == 0 ? 5 : $1 })
            }
        ),
        ("groups are configured but missing", "DUPG", { $0.duplicates = nil }),
        ("groups are present but not configured", "DUPG", { $0.metadata.configuration.nearDuplicates = nil }),
        ("an article is in a topic the table lacks", "TOPA", { $0.topics!.articleTopics[0] = 999 }),
        ("a topic's size is wrong", "TOPT", { $0.topics!.table.topics[0].size += 1 }),
        ("a topic id is not below the next id", "TOPT", { $0.topics!.table.nextID = 1 }),
        ("a latent vector is not a unit vector", "SEMV", { $0.semantic = scaled($0.semantic!) }),
        ("a term vector column is out of order", "BCOL", { $0.vectors = swappedColumns($0.vectors) }),
        ("the vocabulary is out of order", "TERM", { $0.model = reversedVocabulary($0.model) }),
        ("an embedding vector is longer than a unit vector", "EMBV", { $0.embedding = scaled($0.embedding!) }),
        ("an embedding mean is not finite", "EMBM", { $0.embedding = withInfiniteMean($0.embedding!) }),
        ("embedding vectors without a model named", "EMBV", { $0.metadata.embedding = nil }),
        ("embedding axes without their number", "EMBA", { $0.metadata.embeddingAxes = nil }),
    ]

    @Test("inconsistent contents with valid checksums are found by the cross-reference checks", arguments: 0..<20)
    func inconsistentContents(case number: Int) throws {
        let (name, section, damage) = Self.inconsistent[number]
        var contents = Self.contents
        damage(&contents)
        let result = try Self.verify(try IndexWriter.encode(contents))
        #expect(result.damagedSections.contains(section), "\(name): \(result.problems)")
    }

    static func scaled(_ space: SemanticSpace) -> SemanticSpace {
        var vectors = space.vectors
        for j in 0..<vectors.columns { vectors.storage[j] *= 2 }
        return SemanticSpace(vectors: vectors, norms: space.norms, singularValues: space.singularValues)
    }

    static func scaled(_ space: EmbeddingSpace) -> EmbeddingSpace {
        var vectors = space.vectors
        for j in 0..<vectors.columns { vectors.storage[j] *= 2 }
        return EmbeddingSpace(model: space.model, mean: space.mean, axes: space.axes, vectors: vectors)
    }

    static func withInfiniteMean(_ space: EmbeddingSpace) -> EmbeddingSpace {
        EmbeddingSpace(
            model: space.model, mean: [.infinity] + space.mean.dropFirst(), axes: space.axes, vectors: space.vectors)
    }

    static func swappedColumns(_ vectors: FieldVectors) -> FieldVectors {
        let body = vectors.body
        let row = (0..<body.rowCount).first { body.range(ofRow: $0).count >= 2 }!
        var columns = body.columns
        columns.swapAt(body.rowStart[row], body.rowStart[row] + 1)
        return FieldVectors(
            title: vectors.title,
            body: SparseMatrix(
                rowStart: body.rowStart, columns: columns, values: body.values, columnCount: body.columnCount))
    }

    static func reversedVocabulary(_ model: TFIDFModel) -> TFIDFModel {
        let v = model.vocabulary
        return TFIDFModel(
            vocabulary: Vocabulary(
                terms: v.terms.reversed(), displayForms: v.displayForms, titleIDF: v.titleIDF, bodyIDF: v.bodyIDF),
            text: model.text, weighting: model.weighting)
    }

    @Test("the check before install runs the verifier: a list pointing at its own article is refused")
    func reindexVerifies() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let index = dir.path + "/news.index"
        let feed = try ReindexJobTests.feed(try sampleArticles(), in: dir)
        _ = try ReindexJob(source: ArticleSource.feeds([feed]), index: index).run()
        var contents = try RecommendIndex(path: index).contents()
        contents.related.indices[0] = 0
        let temporary = dir.path + "/bad.index"
        try IndexWriter.write(contents, to: temporary)
        #expect(throws: ReindexError.self) {
            _ = try IndexValidator.validate(
                temporary, expected: contents, bytes: Int(IndexGenerations.size(of: temporary)!), sample: 10)
        }
    }
}
