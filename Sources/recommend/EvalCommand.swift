import ArgumentParser
import Foundation
import RecommendCore

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score related lists against a labelled corpus: P@k, R@k, MRR@k as ../shared/bench/evaluate.py.",
        discussion: """
            Indexes the corpus (or opens --index) and scores every article's list as `related` would return it, \
            with the same controls. Labels are each line's "labels" list.
            """)

    @Option(help: "The labelled corpus (JSON Lines, plain or .gz).")
    var corpus: String

    @Option(name: .short, help: "The cut-off rank.")
    var k = 10

    @Option(help: "Score this index instead of indexing the corpus (its ids must be the corpus's).")
    var index: String?

    @OptionGroup var controls: RelatedOptions

    @Option(help: ArgumentHelp("Also write the scored lists in evaluate.py's format ('-' for standard output).", valueName: "file"))
    var writeLists: String?

    @Flag(help: "Print one JSON object (evaluate.py's shape).")
    var json = false

    func validate() throws {
        if k < 1 { throw ValidationError("-k must be at least 1") }
    }

    func run() async throws {
        try Console.run {
            let labels = try CorpusLabels(path: corpus)
            let report = try withIndex { path in
                let index = try RecommendIndex(path: path)
                let query = controls.query(limit: k)
                let responses = try RelatedEvaluation.responses(try controls.ranker(index, query: query), query: query)
                let lines = RelatedEvaluation.lines(responses)
                if let writeLists { try RelatedExport.write(lines, to: writeLists) }
                let scores = RelatedListScores(lists: lines.map { ($0.id, $0.related.map(\.id)) }, corpus: labels, k: k)
                let linked =
                    query.collapseDuplicates
                    ? RelatedEvaluation.recallCountingDuplicates(responses, corpus: labels, k: k) : nil
                return EvaluationReport(corpus: corpus, articles: labels.count, scores: scores, linkedRecall: linked)
            }
            print(json ? try JSONCoding.line(report) : report.text)
        }
    }

    /// Runs `body` on `--index`, or on a temporary index of the corpus, removed afterwards.
    private func withIndex<T>(_ body: (String) throws -> T) throws -> T {
        if let index { return try body(index) }
        let directory = NSTemporaryDirectory() + "recommend-eval-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/eval.index"
        _ = try IndexBuilder().build(inputs: [corpus], writingTo: path)
        return try body(path)
    }
}

/// What `eval` prints: the reference scorer's JSON shape (`{"corpus", "articles", "related": {...}}`).
struct EvaluationReport: Encodable {
    var corpus: String
    var articles: Int
    var scores: RelatedListScores
    /// R@k counting the "also published as" links of a collapsed list (nil with `--no-collapse`).
    var linkedRecall: Double?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var top = encoder.container(keyedBy: Key.self)
        try top.encode(corpus.split(separator: "/").last.map(String.init) ?? corpus, forKey: Key("corpus"))
        try top.encode(articles, forKey: Key("articles"))
        var related = top.nestedContainer(keyedBy: Key.self, forKey: Key("related"))
        try related.encode(scores.queries, forKey: Key("queries"))
        for (name, value) in metrics { try related.encode(value.map(Self.rounded), forKey: Key(name)) }
        try related.encode(scores.defects, forKey: Key("defects"))
        if let linkedRecall { try related.encode(Self.rounded(linkedRecall), forKey: Key("R@\(scores.k) with also-published-as")) }
    }

    private var metrics: [(String, Double?)] {
        [("P@\(scores.k)", scores.precision), ("R@\(scores.k)", scores.recall), ("MRR@\(scores.k)", scores.reciprocalRank)]
    }

    private static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    var text: String {
        let values = metrics.map { "\($0.0) \($0.1.map { String(format: "%.4f", $0) } ?? "-")" }.joined(separator: "  ")
        var lines = ["\(corpus): \(articles) articles, \(scores.queries) queries", values]
        if let linkedRecall {
            lines.append("R@\(scores.k) counting also-published-as links \(String(format: "%.4f", linkedRecall))")
        }
        for (name, count) in scores.defects.sorted(by: { $0.key < $1.key }) { lines.append("defect: \(name): \(count)") }
        return lines.joined(separator: "\n")
    }
}
