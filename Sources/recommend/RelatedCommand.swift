import ArgumentParser
import RecommendCore

struct RelatedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related", abstract: "Print the related articles of one article.",
        discussion: "Controls work inside the stored list (the index's --neighbours best, 50 by default).")

    @Argument(help: "The article id.")
    var id: String

    @OptionGroup var location: IndexLocation

    @Option(name: .short, parsing: .unconditional, help: "How many related articles.")
    var k = 10

    @OptionGroup var controls: RelatedOptions

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if k < 1 { throw ValidationError("-k must be at least 1") }
    }

    func run() async throws {
        try Console.run {
            let index = try RecommendIndex(path: location.index, checking: .onUse)
            guard let i = try index.index(of: id) else { throw QueryError.unknownArticle(id) }
            let query = try controls.query(limit: k)
            let response = try controls.ranker(index, query: query).related(to: i, query)
            if json {
                print(try JSONCoding.pretty(response))
            } else {
                Console.printRelated(response)
            }
        }
    }
}
