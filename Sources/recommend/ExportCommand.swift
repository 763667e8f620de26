import ArgumentParser
import RecommendCore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every article's related list as JSON Lines ({\"id\", \"related\": [{\"id\", \"score\"}]}).")

    @OptionGroup var location: IndexLocation

    @Option(help: "Where to write the related lists ('-' for standard output).")
    var related = "-"

    @Option(name: .short, help: "Entries per list (default: all stored).")
    var k: Int?

    func run() async throws {
        try Console.run {
            let index = try RecommendIndex(path: location.index)
            try RelatedExport.write(index, limit: k ?? index.metadata.neighbours, to: related)
        }
    }
}
