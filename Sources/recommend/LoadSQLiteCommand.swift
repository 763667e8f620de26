import ArgumentParser
import RecommendCore

struct LoadSQLiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-sqlite",
        abstract:
            "Store feed articles in a SQLite table (created if needed; a row with the same id is updated in place).")

    @Argument(help: "Input files or directories (JSON Lines or CSV, plain or .gz).")
    var inputs: [String] = ["Data/articles.jsonl"]

    @Option(help: "The database file (created if missing).")
    var database: String

    @OptionGroup var tableOptions: TableOptions

    @Option(help: "What to do with a repeated id.")
    var duplicates = DuplicatePolicy.fail

    func run() async throws {
        try Console.run {
            let (articles, report) = try FeedReader(duplicates: duplicates).read(inputs)
            Console.printIssues(report.issues)
            let rows = try SQLiteArticleWriter(table: tableOptions.articleTable).write(articles, to: database)
            print("stored \(articles.count) articles in \(database) (table \(tableOptions.table), now \(rows) rows)")
            print(report.summary)
        }
    }
}
