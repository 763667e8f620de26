import ArgumentParser
import RecommendCore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every article's related list ({\"id\", \"related\": [{\"id\", \"score\"}]}) and/or topic "
            + "({\"id\", \"cluster\"}) as JSON Lines.")

    @OptionGroup var location: IndexLocation

    @Option(help: "Where to write the related lists ('-' for standard output; the default when --topics is not given).")
    var related: String?

    @Option(help: "Where to write each article's topic ('-' for standard output); null for an article without one.")
    var topics: String?

    @Option(name: .short, help: "Entries per list (default: all stored).")
    var k: Int?

    func validate() throws {
        if related == "-", topics == "-" {
            throw ValidationError("--related and --topics cannot both go to standard output")
        }
    }

    func run() async throws {
        try Console.run {
            let index = try RecommendIndex(path: location.index)
            if let related = related ?? (topics == nil ? "-" : nil) {
                try RelatedExport.write(index, limit: k ?? index.metadata.neighbours, to: related)
            }
            if let topics { try TopicExport.write(index, to: topics) }
        }
    }
}
