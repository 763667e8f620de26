import ArgumentParser
import RecommendCore

struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics", abstract: "List the topics: id, label terms, size and the most central headlines.")

    @OptionGroup var location: IndexLocation

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        try Console.run {
            let index = try RecommendIndex(path: location.index)
            let topics = try index.topics().map { index.summary(of: $0) }
            if json {
                print(try JSONCoding.pretty(topics))
            } else if topics.isEmpty {
                print("no topics: no article of the index has usable terms")
            } else {
                for topic in topics { Console.printTopic(topic) }
            }
        }
    }
}
