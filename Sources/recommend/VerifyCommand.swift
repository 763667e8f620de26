import ArgumentParser
import RecommendCore

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Read and check every byte of an index: checksums, structure and cross-references.",
        discussion: """
            Exit status: 0 the index is sound; 65 it is damaged (each damaged section is named); 66 it cannot be \
            opened (missing or unreadable).
            """)

    @Argument(help: "The index file.")
    var index: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        let result = IndexVerifier.verify(index)
        if json {
            print(try JSONCoding.pretty(result))
        } else if result.isSound {
            let bytes = result.sections.reduce(0) { $0 + $1.bytes }
            print(
                "\(index): sound (format version \(result.formatVersion ?? 0), \(result.articles ?? 0) articles, "
                    + "\(result.terms ?? 0) terms, \(result.sections.count) sections, \(bytes) bytes checked)")
        } else {
            for problem in result.problems { Console.printError("\(index): \(problem)") }
            if result.readable {
                Console.printError("\(index): damaged: \(result.damagedSections.joined(separator: ", "))")
            }
        }
        if !result.isSound { throw ExitCode(result.readable ? 65 : 66) }
    }
}
