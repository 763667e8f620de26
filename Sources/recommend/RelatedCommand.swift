import ArgumentParser
import RecommendCore

struct RelatedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related", abstract: "Print the related articles of one article.")

    @Argument(help: "The article id.")
    var id: String

    @OptionGroup var location: IndexLocation

    @Option(name: .short, help: "How many related articles.")
    var k = 10

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if k < 1 { throw ValidationError("-k must be at least 1") }
    }

    func run() async throws {
        try Console.run {
            let index = try RecommendIndex(path: location.index)
            guard let i = index.index(of: id) else { throw QueryError.unknownArticle(id) }
            guard k <= index.metadata.neighbours else {
                throw QueryError.beyondStoredList(requested: k, stored: index.metadata.neighbours)
            }
            let related = try index.related(to: i, limit: k)
            let topic = index.topic(ofArticle: i).map { index.summary(of: $0) }
            if json {
                print(try JSONCoding.pretty(RelatedResponse(article: index.article(i), related: related, topic: topic)))
            } else {
                Console.printRelated(related, of: index.article(i), topic: topic)
            }
        }
    }
}
