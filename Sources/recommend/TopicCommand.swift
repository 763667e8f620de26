import ArgumentParser
import RecommendCore

struct TopicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topic", abstract: "List the articles of one topic, most central first.")

    @Argument(help: "The topic id, as 'recommend topics' shows it (t7, or 7).")
    var topic: String

    @OptionGroup var location: IndexLocation

    @Option(name: .short, parsing: .unconditional, help: "How many articles (default: all).")
    var k: Int?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if let k, k < 1 { throw ValidationError("-k must be at least 1") }
    }

    func run() async throws {
        try Console.run {
            let index = try RecommendIndex(path: location.index)
            let response = index.response(for: try index.topic(named: topic), limit: k ?? .max)
            if json {
                print(try JSONCoding.pretty(response))
            } else {
                print(
                    "\(response.topic.id)  \(response.topic.size) articles  \(response.topic.labelTerms.joined(separator: ", "))"
                )
                for member in response.articles {
                    print(
                        "\(Console.format(Double(member.centrality), digits: 3))  \(member.article.id)  \(member.article.title)"
                    )
                }
            }
        }
    }
}
