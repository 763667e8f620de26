import ArgumentParser
import RecommendCore

struct ReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract:
            "Rebuild an index from its source and replace it safely (locked, validated, atomic, with generations).",
        discussion: """
            SOURCE is JSON Lines or CSV files or directories of them (as 'index' reads), one SQLite database \
            ('sqlite:PATH' or a name ending in .sqlite, .sqlite3 or .db), or one PostgreSQL database \
            ('postgresql://USER@HOST:PORT/DATABASE?table=TABLE'; the password from PGPASSWORD or PGPASSFILE, see \
            docs/postgresql.md). Exit status: 0 done; 65 the source could not \
            be read; 70 the build or the validation of the new index failed; 73 the index could not be written or \
            installed; 74 the report could not be written (the new index is in place); 75 another reindex holds \
            INDEX.lock, or the database is locked, down or dropped the connection (try again later). On any \
            failure but 74 the previous index is untouched. See docs/reindex.md.
            """)

    @Option(
        name: .long, parsing: .upToNextOption, help: "Feed files, directories, or one SQLite or PostgreSQL database.")
    var source: [String]

    @OptionGroup var location: IndexLocation

    @Option(parsing: .unconditional, help: "Previous generations to keep beside the index (INDEX.1 is the newest).")
    var keep = 3

    @Option(help: "Write a JSON report of the run to this file.")
    var report: String?

    @Flag(
        help: """
            Add new articles to the previous index instead of rebuilding (falls back to a full rebuild when articles \
            were removed or changed, or more than 10% are new).
            """)
    var incremental = false

    @Option(
        parsing: .unconditional,
        help: "Refuse to build when the source has more than this share fewer articles than the index.")
    var maxShrink = 0.2

    @Flag(help: "Build however many articles the source has lost since the serving index.")
    var allowShrink = false

    @Option(help: "What to do with a repeated id.")
    var duplicates = DuplicatePolicy.fail

    @OptionGroup var tableOptions: TableOptions

    @OptionGroup var modelLocation: ModelLocation

    func validate() throws {
        if source.isEmpty { throw ValidationError("--source needs at least one file, directory or database") }
        if keep < 0 { throw ValidationError("--keep must be 0 or more") }
        if !(0...1).contains(maxShrink) { throw ValidationError("--max-shrink must be a share in 0...1") }
    }

    func run() async throws {
        let articleSource = try Console.run {
            do throws(DatabaseError) { return try ArticleSource(source, table: tableOptions.articleTable) } catch {
                throw ReindexError.failed(step: .read, reason: error.description)
            }
        }
        var job = ReindexJob(source: articleSource, index: location.index)
        job.keep = keep
        job.incremental = incremental
        job.duplicates = duplicates
        job.maximumShrink = allowShrink ? nil : maxShrink
        job.reportPath = report
        job.modelsDirectory = modelLocation.directory
        let output = ProgressOutput.forStandardError()
        job.progress = { output.show($0) }
        let result = try Console.run { try job.run() }
        Console.printIssues(result.issues)
        output.finish(result)
    }
}
