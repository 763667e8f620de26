import ArgumentParser
import RecommendCore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every article's related list ({\"id\", \"related\": [{\"id\", \"score\"}]}) and/or topic "
            + "({\"id\", \"cluster\"}) as JSON Lines.",
        discussion: """
            The lists are the ones `related` serves under the same controls (near-duplicates collapsed by default,
            the overrides file applied); --stored writes the index's stored lists as they are.
            """)

    @OptionGroup var location: IndexLocation

    @Option(help: "Where to write the related lists ('-' for standard output; the default when --topics is not given).")
    var related: String?

    @Option(help: "Where to write each article's topic ('-' for standard output); null for an article without one.")
    var topics: String?

    @Option(name: .short, parsing: .unconditional, help: "Entries per list (default: all stored).")
    var k: Int?

    @Flag(help: "Write the stored lists without query-time controls.")
    var stored = false

    @OptionGroup var controls: RelatedOptions

    func validate() throws {
        if related == "-", topics == "-" {
            throw ValidationError("--related and --topics cannot both go to standard output")
        }
    }

    func run() async throws {
        try Console.run {
            let index = try RecommendIndex(path: location.index)
            if let related = related ?? (topics == nil ? "-" : nil) {
                let limit = k ?? index.metadata.neighbours
                if stored {
                    try RelatedExport.write(index, limit: limit, to: related)
                } else {
                    let query = try controls.query(limit: limit)
                    let ranker = try controls.ranker(index, query: query)
                    try RelatedExport.write(
                        RelatedEvaluation.lines(try RelatedEvaluation.responses(ranker, query: query)), to: related)
                }
            }
            if let topics { try TopicExport.write(index, to: topics) }
        }
    }
}
