import ArgumentParser
import RecommendCore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every article's related list ({\"id\", \"related\": [{\"id\", \"score\"}]}) and/or topic "
            + "({\"id\", \"cluster\"}) as JSON Lines.",
        discussion: """
            The lists are the ones `related` serves under the same controls (near-duplicates collapsed by default,
            the overrides file applied); --stored writes the index's stored lists as they are. --related may also \
            name a PostgreSQL table, 'postgresql://USER@HOST/DATABASE?table=TABLE' (default related_articles): its \
            rows (article_id, rank, related_id, score, generation) are replaced in one transaction. See \
            docs/postgresql.md.
            """)

    @OptionGroup var location: IndexLocation

    @Option(
        help: """
            Where to write the related lists: a file, '-' for standard output (the default when --topics is not \
            given), or a postgresql:// table.
            """)
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
                let lines: [RelatedExport.Line]
                if stored {
                    lines = try RelatedExport.storedLines(index, limit: limit)
                } else {
                    let query = try controls.query(limit: limit)
                    let ranker = try controls.ranker(index, query: query)
                    lines = RelatedEvaluation.lines(try RelatedEvaluation.responses(ranker, query: query))
                }
                if PostgreSQLAddress.names(related) {
                    let writer = PostgreSQLListWriter(address: try PostgreSQLAddress(related))
                    let rows = try writer.write(lines, generation: index.metadata.generation)
                    Console.printNote(
                        "wrote \(rows) rows of \(lines.count) lists to \(writer.address) (table \(writer.table))")
                } else {
                    try RelatedExport.write(lines, to: related)
                }
            }
            if let topics { try TopicExport.write(index, to: topics) }
        }
    }
}
