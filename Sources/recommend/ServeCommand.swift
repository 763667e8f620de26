import ArgumentParser
import Hummingbird
import Logging
import RecommendServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve related articles over HTTP, reloading the index when the file is replaced or on SIGHUP.",
        discussion: """
            SIGHUP reloads the index. SIGTERM or SIGINT stops the service in order: /readyz answers 503 \
            'draining', the listener stays open for --shutdown-delay seconds, then closes, and the requests in \
            flight finish (at most --drain-timeout seconds); the exit status is 0. See docs/http.md.
            """)

    @OptionGroup var location: IndexLocation

    @OptionGroup var modelLocation: ModelLocation

    @Option(help: "The address to bind (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "The port to bind (0 picks a free one).")
    var port = 8080

    @Option(help: "Seconds between checks of the index file for a replacement (0: only reload on SIGHUP).")
    var pollInterval = 1.0

    @Option(help: "Log level (info: one line per request).")
    var logLevel = Logger.Level.info

    @Option(help: "Seconds the listener stays open after SIGTERM with /readyz answering 503, for a load balancer.")
    var shutdownDelay = 0.0

    @Option(help: "Seconds requests in flight may take to finish after SIGTERM before the process exits anyway.")
    var drainTimeout = 10.0

    @Option(
        help: ArgumentHelp(
            "A file of editors allowed to change pins and blocks in the console, one name:secret a line.",
            discussion: "Without it, the list is read from \(EditorCredentials.environmentVariable) (entries "
                + "separated by commas or newlines); without either, editing is off and only loopback may be bound.",
            valueName: "file"))
    var editors: String?

    @Option(help: ArgumentHelp("A mustache file replacing the built-in reader's block (related.html).", valueName: "file"))
    var readerTemplate: String?

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be in 0...65535") }
        if pollInterval < 0 { throw ValidationError("--poll-interval must not be negative") }
        if shutdownDelay < 0 { throw ValidationError("--shutdown-delay must not be negative") }
        if drainTimeout < 0 { throw ValidationError("--drain-timeout must not be negative") }
    }

    func run() async throws {
        let configuration = ServerConfiguration(
            indexPath: location.index, host: host, port: port,
            pollInterval: pollInterval > 0 ? .milliseconds(Int((pollInterval * 1000).rounded())) : nil,
            reloadOnHangup: true, logLevel: logLevel, modelsDirectory: modelLocation.directory,
            shutdownDelay: .milliseconds(Int((shutdownDelay * 1000).rounded())),
            drainTimeout: .milliseconds(Int((drainTimeout * 1000).rounded())),
            editors: try EditorCredentials.load(file: editors), readerTemplate: readerTemplate)
        do {
            try configuration.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        try await runApplication(configuration)
    }
}
