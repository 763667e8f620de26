import ArgumentParser
import Foundation
import RecommendCore

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score related lists against a labelled corpus: P@k, R@k and MRR@k.",
        discussion: """
            Indexes the corpus (or opens --index) and scores every article's list as `related` would return it, \
            with the same controls. Labels are each line's "labels" list.
            """)

    @Option(help: "The labelled corpus (JSON Lines, plain or .gz).")
    var corpus: String

    @Option(name: .short, parsing: .unconditional, help: "The cut-off rank.")
    var k = 10

    @Option(help: "Score this index instead of indexing the corpus (its ids must be the corpus's).")
    var index: String?

    @OptionGroup var controls: RelatedOptions

    @OptionGroup var modelLocation: ModelLocation

    @Option(
        help: ArgumentHelp(
            "Also write the scored lists in evaluate.py's format ('-' for standard output).", valueName: "file"))
    var writeLists: String?

    @Flag(help: "Print one JSON object (evaluate.py's shape).")
    var json = false

    func validate() throws {
        if k < 1 { throw ValidationError("-k must be at least 1") }
    }

    func run() async throws {
        try Console.run {
            let labels = try CorpusLabels(path: corpus)
            let query = try controls.query(limit: k)
            let (report, lists) = try withIndex { path in
                let index = try RecommendIndex(path: path)
                try labels.checkCovers(index, path: corpus)
                return try EvaluationReport.evaluate(
                    try controls.ranker(index, query: query), query: query, corpus: labels, corpusPath: corpus)
            }
            if let writeLists { try RelatedExport.write(lists, to: writeLists) }
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
        let configuration = RecommendConfiguration()
        _ = try IndexBuilder(configuration: configuration, embedder: modelLocation.embedder(for: configuration))
            .build(inputs: [corpus], writingTo: path)
        return try body(path)
    }
}
