internal import Foundation

/// What `recommend eval` reports: the reference scorer's JSON shape
/// (`{"corpus", "articles", "related": {"queries", "P@k", "R@k", "MRR@k", "defects"}}`, values rounded to 4
/// decimals as it does), plus the recall counting "also published as" links when lists were collapsed.
public struct EvaluationReport: Sendable, Encodable {
    /// The corpus file's name.
    public var corpus: String
    /// Articles in the corpus.
    public var articles: Int
    public var scores: RelatedListScores
    /// `RelatedEvaluation.recallCountingDuplicates` of the same lists; nil when they were not collapsed.
    public var linkedRecall: Double?

    /// Scores every article's list under `query` from `ranker` against `corpus` (read from `corpusPath`).
    /// - Returns: the report and the lists scored, in the reference scorer's format.
    /// - Throws: what `RelatedRanker.related(to:_:)` throws.
    public static func evaluate(
        _ ranker: RelatedRanker, query: RelatedQuery, corpus: CorpusLabels, corpusPath: String
    ) throws -> (report: EvaluationReport, lists: [RelatedExport.Line]) {
        let responses = try RelatedEvaluation.responses(ranker, query: query)
        let lines = RelatedEvaluation.lines(responses)
        let scores = RelatedListScores(
            lists: lines.map { ($0.id, $0.related.map(\.id)) }, corpus: corpus, k: query.limit)
        let linked =
            query.collapseDuplicates
            ? RelatedEvaluation.recallCountingDuplicates(responses, corpus: corpus, k: query.limit) : nil
        let name = corpusPath.split(separator: "/").last.map(String.init) ?? corpusPath
        return (EvaluationReport(corpus: name, articles: corpus.count, scores: scores, linkedRecall: linked), lines)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var top = encoder.container(keyedBy: Key.self)
        try top.encode(corpus, forKey: Key("corpus"))
        try top.encode(articles, forKey: Key("articles"))
        var related = top.nestedContainer(keyedBy: Key.self, forKey: Key("related"))
        try related.encode(scores.queries, forKey: Key("queries"))
        for (name, value) in metrics { try related.encode(value.map(Self.rounded), forKey: Key(name)) }
        try related.encode(scores.defects, forKey: Key("defects"))
        if let linkedRecall {
            try related.encode(Self.rounded(linkedRecall), forKey: Key("R@\(scores.k) with also-published-as"))
        }
    }

    private var metrics: [(String, Double?)] {
        [
            ("P@\(scores.k)", scores.precision), ("R@\(scores.k)", scores.recall),
            ("MRR@\(scores.k)", scores.reciprocalRank),
        ]
    }

    private static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    /// The report for people: the corpus, the metrics to 4 decimals, one line per kind of defect.
    public var text: String {
        let values = metrics.map { "\($0.0) \($0.1.map { String(format: "%.4f", $0) } ?? "-")" }.joined(separator: "  ")
        var lines = ["\(corpus): \(articles) articles, \(scores.queries) queries", values]
        if let linkedRecall {
            lines.append("R@\(scores.k) counting also-published-as links \(String(format: "%.4f", linkedRecall))")
        }
        for (name, count) in scores.defects.sorted(by: { $0.key < $1.key }) {
            lines.append("defect: \(name): \(count)")
        }
        return lines.joined(separator: "\n")
    }
}
