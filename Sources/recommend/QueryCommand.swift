import ArgumentParser
import Foundation
import RecommendCore

struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Related articles for a text that is not in the index (e.g. a draft).")

    @Option(help: "The headline.")
    var title = ""

    @Option(help: "The body text ('-' reads it from standard input).")
    var body = ""

    @OptionGroup var location: IndexLocation

    @OptionGroup var modelLocation: ModelLocation

    @Option(name: .short, parsing: .unconditional, help: "How many related articles.")
    var k = 10

    @Flag(help: "Score every article exactly, even in an index above its exact limit (slower on large indexes).")
    var exact = false

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if k < 1 { throw ValidationError("-k must be at least 1") }
    }

    func run() async throws {
        let text = body == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : body
        try Console.run {
            let index = try RecommendIndex(path: location.index, checking: .onUse)
            let searcher = try TextSearcher(index: index, embedder: try modelLocation.embedder(for: index), exact: exact)
            let related = try searcher.related(title: title, body: text, k: k)
            if json {
                print(try JSONCoding.pretty(RelatedResponse(article: nil, related: related)))
            } else {
                Console.printRelated(related, of: ArticleSummary(id: "(text)", title: title))
            }
        }
    }
}
