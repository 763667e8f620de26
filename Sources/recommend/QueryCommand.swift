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

    @Option(
        help: """
            The text's own vector, '[0.12, -0.5, ...]', for an index built from a feed's own vectors (ignored by an \
            index whose vectors come from its model).
            """)
    var embedding: String?

    func validate() throws {
        if k < 1 { throw ValidationError("-k must be at least 1") }
        if let embedding, Article.embedding(parsing: embedding) == nil {
            throw ValidationError("--embedding must be a list of finite numbers such as '[0.12, -0.5, 1]'")
        }
    }

    func run() async throws {
        let text = body == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : body
        try Console.run {
            let index = try RecommendIndex(path: location.index, checking: .onUse)
            let searcher = try TextSearcher(index: index, embedder: try modelLocation.embedder(for: index), exact: exact)
            let related = try searcher.related(
                title: title, body: text, k: k, embedding: embedding.flatMap(Article.embedding(parsing:)))
            if json {
                print(try JSONCoding.pretty(RelatedResponse(article: nil, related: related)))
            } else {
                Console.printRelated(related, of: ArticleSummary(id: "(text)", title: title))
            }
        }
    }
}
