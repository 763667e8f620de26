import Foundation
import Testing

@testable import RecommendCore
import TestSupport

@Suite struct EvaluationTests {
    /// q1: {x}, q2: {x, y}, q3: {y}, q4: {x}, q5: no labels.
    static let corpus = CorpusLabels(labels: [
        "q1": ["x"], "q2": ["x", "y"], "q3": ["y"], "q4": ["x"], "q5": [],
    ])

    @Test("P@k, R@k and MRR@k by hand, with a short list counted as misses")
    func handComputed() {
        let lists: [(id: String, related: [String])] = [
            ("q1", ["q3", "q2"]),  // hits: miss, hit -> P 1/3, MRR 1/2, R 1/2 (q2, q4 share x)
            ("q2", ["q1", "q3", "q4"]),  // all hit -> P 1, MRR 1, R 3/3 (multi-label: q1, q3, q4)
            ("q3", ["q1", "q4", "q5"]),  // none -> P 0, MRR 0, R 0/1 (q2)
            ("q5", ["q1"]),  // no labels: not a query
        ]
        let scores = RelatedListScores(lists: lists, corpus: Self.corpus, k: 3)
        #expect(scores.queries == 3)
        #expect(abs(scores.precision! - (1.0 / 3 + 1 + 0) / 3) < 1e-12)
        #expect(abs(scores.recall! - (0.5 + 1 + 0) / 3) < 1e-12)
        #expect(abs(scores.reciprocalRank! - (0.5 + 1 + 0) / 3) < 1e-12)
        #expect(scores.defects == ["lists shorter than 3": 2, "corpus articles with no list": 1])
    }

    @Test("defects are counted the way the reference scorer names them")
    func defects() {
        let lists: [(id: String, related: [String])] = [
            ("q1", ["q1", "q2", "q2", "zz"]), ("q1", ["q2"]), ("nope", ["q1"]),
        ]
        let scores = RelatedListScores(lists: lists, corpus: Self.corpus, k: 2)
        #expect(
            scores.defects == [
                "query in its own list": 1, "id twice in one list": 1, "result ids not in corpus": 1,
                "query listed twice": 1, "query id not in corpus": 1, "corpus articles with no list": 4,
            ])
        // The query is skipped in its own list: the first two others are q2, q2 (both hits).
        #expect(scores.precision == 1 && scores.reciprocalRank == 1)
    }

    @Test("R@k leaves out queries with no other article sharing a label")
    func recallQueries() {
        let corpus = CorpusLabels(labels: ["a": ["only"], "b": ["t"], "c": ["t"]])
        let scores = RelatedListScores(lists: [("a", ["b"]), ("b", ["c"])], corpus: corpus, k: 1)
        #expect(scores.queries == 2)
        #expect(scores.precision == 0.5)
        #expect(scores.recall == 1)
    }

    @Test(
        "NMI and ARI by hand",
        arguments: [
            // identical partitions under other names
            ([0, 0, 1, 1], ["a", "a", "b", "b"], 1.0, 1.0),
            // one cluster against two labels: no information; ARI 0
            ([0, 0, 1, 1], ["a", "a", "a", "a"], 0.0, 0.0),
            // sklearn's documented example: ARI([0,0,1,1], [0,0,1,2]) = 0.5714..., NMI (arithmetic) = 0.8
            ([0, 0, 1, 1], ["a", "a", "b", "c"], 0.8, 0.5714285714285714),
        ])
    func agreement(_ truth: [Int], _ clusters: [String], _ nmi: Double, _ ari: Double) throws {
        #expect(abs(try #require(ClusterAgreement.normalizedMutualInformation(truth, clusters)) - nmi) < 1e-9)
        #expect(abs(try #require(ClusterAgreement.adjustedRandIndex(truth, clusters)) - ari) < 1e-9)
    }

    @Test("no items, no agreement")
    func emptyAgreement() {
        #expect(ClusterAgreement.normalizedMutualInformation([Int](), [Int]()) == nil)
        #expect(ClusterAgreement.adjustedRandIndex([Int](), [Int]()) == nil)
    }

    @Test("the corpus reader keeps every line's labels list, ignores category, and names a bad line")
    func corpusReader() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = try dir.write(
            "c.jsonl",
            """
            {"id": "a", "title": "", "body": "", "labels": ["x", "y"], "category": "z"}
            {"id": "b", "labels": null}
            {"id": "a", "labels": ["w"]}
            """)
        let corpus = try CorpusLabels(path: good)
        #expect(corpus.labels == ["a": ["w"], "b": []])
        let bad = try dir.write("bad.jsonl", "{\"id\": \"a\"}\n\nnot json\n")
        #expect(
            throws: EvaluationError.malformedLine(
                file: bad, line: 3, detail: "expected a JSON object with a string \"id\" and a \"labels\" list")
        ) {
            try CorpusLabels(path: bad)
        }
    }
}

/// Opt-in by presence: when Python 3 and `RECOMMEND_REFERENCE/evaluate.py` exist, the Swift metrics must agree with
/// the reference scorer to 3 decimals on real lists and on deliberately defective ones.
@Suite(.enabled(if: ReferenceScorer.available))
struct ReferenceAgreementTests {
    @Test("P@k, R@k, MRR@k and NMI/ARI agree with evaluate.py")
    func agreesWithReference() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let corpusPath = packageRoot + "/Data/articles.jsonl"
        let contents = try IndexBuilder().build(articles: try sampleArticles()).contents
        let indexPath = dir.path + "/s.index"
        try IndexWriter.write(contents, to: indexPath)
        let corpus = try CorpusLabels(path: corpusPath)
        var query = RelatedQuery()
        query.limit = 10
        query.diversityLambda = 0.7
        let responses = try RelatedEvaluation.responses(
            try RelatedRanker(index: try RecommendIndex(path: indexPath), loadingVectors: true), query: query)
        var lines = RelatedEvaluation.lines(responses)
        // Defects the reference counts: a short list, a query in its own list, a duplicate id, an unknown id.
        lines[0].related.removeLast(4)
        lines[1].related.insert(.init(id: lines[1].id, score: 1), at: 0)
        lines[2].related.append(lines[2].related[0])
        lines[3].related.append(.init(id: "unknown", score: 0))
        let listsPath = dir.path + "/lists.jsonl"
        try RelatedExport.write(lines, to: listsPath)
        // Clusters: the article's category against its story label.
        let clusters = contents.articles.map { #"{"id": "\#($0.id)", "cluster": "\#($0.category ?? "")"}"# }
        let clustersPath = try dir.write("clusters.jsonl", clusters.joined(separator: "\n"))
        for k in [5, 10] {
            let reference = try ReferenceScorer.run(
                corpus: corpusPath, related: listsPath, clusters: clustersPath, k: k)
            let related = try #require(reference["related"] as? [String: Any])
            let ours = RelatedListScores(lists: lines.map { ($0.id, $0.related.map(\.id)) }, corpus: corpus, k: k)
            #expect(related["queries"] as? Int == ours.queries)
            #expect(abs((related["P@\(k)"] as? Double ?? -1) - ours.precision!) < 5e-4)
            #expect(abs((related["R@\(k)"] as? Double ?? -1) - ours.recall!) < 5e-4)
            #expect(abs((related["MRR@\(k)"] as? Double ?? -1) - ours.reciprocalRank!) < 5e-4)
            #expect(related["defects"] as? [String: Int] == ours.defects)
            let clusterScores = try #require(reference["clusters"] as? [String: Any])
            let truth = try sampleArticles().map { $0.labels[0] }
            let predicted = contents.articles.map { $0.category ?? "" }
            #expect(
                abs(
                    (clusterScores["NMI"] as? Double ?? -1) - ClusterAgreement.normalizedMutualInformation(
                        truth, predicted)!) < 5e-4)
            #expect(
                abs((clusterScores["ARI"] as? Double ?? -1) - ClusterAgreement.adjustedRandIndex(truth, predicted)!)
                    < 5e-4)
        }
    }
}

/// The reference scorer (`evaluate.py` in `RECOMMEND_REFERENCE`), run with Python 3.
enum ReferenceScorer {
    static let script = (ExternalData.reference ?? "") + "/evaluate.py"

    static var available: Bool {
        ExternalData.reference != nil && FileManager.default.fileExists(atPath: script)
            && (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
                FileManager.default.isExecutableFile(atPath: "\($0)/python3")
            }
    }

    static func run(corpus: String, related: String, clusters: String, k: Int) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script, "--corpus", corpus, "--related", related, "--clusters", clusters, "--k", "\(k)",
            "--json",
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
