import ArgumentParser
import RecommendCore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every article's related list as JSON Lines ({\"id\", \"related\": [{\"id\", \"score\"}]}).",
        discussion: """
            The lists are the ones `related` serves under the same controls (near-duplicates collapsed by default,
            the overrides file applied); --stored writes the index's stored lists as they are.
            """)

    @OptionGroup var location: IndexLocation

    @Option(help: "Where to write the related lists ('-' for standard output).")
    var related = "-"

    @Option(name: .short, help: "Entries per list (default: all stored).")
    var k: Int?

    @Flag(help: "Write the stored lists without query-time controls.")
    var stored = false

    @OptionGroup var controls: RelatedOptions

    func run() async throws {
        try Console.run {
            let index = try RecommendIndex(path: location.index)
            let limit = k ?? index.metadata.neighbours
            if stored {
                try RelatedExport.write(index, limit: limit, to: related)
            } else {
                let query = controls.query(limit: limit)
                let responses = try RelatedEvaluation.responses(try controls.ranker(index, query: query), query: query)
                try RelatedExport.write(RelatedEvaluation.lines(responses), to: related)
            }
        }
    }
}
