public import Logging

/// Everything `recommend serve` can be told, with documented defaults.
public struct ServerConfiguration: Sendable {
    /// The index file to serve and watch. Default `recommend.index`.
    public var indexPath: String
    /// The address to bind. Default `127.0.0.1`: loopback only, put a proxy in front to expose it.
    public var host: String
    /// The port to bind; 0 picks a free one (logged as `listening` once bound). Default 8080.
    public var port: Int
    /// How often the index path is checked for a new file (inode, size, modification time); `nil` turns
    /// polling off, leaving SIGHUP as the only reload trigger. Default 1 second.
    public var pollInterval: Duration?
    /// Reload the index on SIGHUP. The CLI turns it on; in-process tests leave the process's signals alone.
    /// Default `false`.
    public var reloadOnHangup: Bool
    /// Related articles returned when the request does not say. Default 10.
    public var defaultK: Int
    /// The largest `k` a request may ask for. Default 100.
    public var maxK: Int
    /// The largest request body accepted, in bytes. Default 1 MiB.
    public var maxBodyBytes: Int
    /// The level of the service's logs; every request is logged at `info`. Default `info`.
    public var logLevel: Logger.Level
    /// The folder holding the embedding model of an index built with an embedding channel (read at every load:
    /// an index whose model is missing or another is refused). Default `Models`.
    public var modelsDirectory: String
    /// After SIGTERM or SIGINT, how long the listener stays open with `/readyz` answering 503 `draining`, for a
    /// load balancer to stop sending requests. Default 0.
    public var shutdownDelay: Duration
    /// After the listener closes, how long requests in flight may take to finish before the process exits
    /// anyway (0 with the requests cut off). Default 10 seconds.
    public var drainTimeout: Duration
    /// Who may change the editorial overrides from the console; nil turns editing off. Default nil.
    public var editors: EditorCredentials?
    /// A mustache file replacing the built-in reader's block (`/v1/articles/{id}/related.html`); nil for the
    /// built-in one. Default nil.
    public var readerTemplate: String?

    public init(
        indexPath: String = "recommend.index", host: String = "127.0.0.1", port: Int = 8080,
        pollInterval: Duration? = .seconds(1), reloadOnHangup: Bool = false, defaultK: Int = 10, maxK: Int = 100,
        maxBodyBytes: Int = 1 << 20, logLevel: Logger.Level = .info, modelsDirectory: String = "Models",
        shutdownDelay: Duration = .zero, drainTimeout: Duration = .seconds(10), editors: EditorCredentials? = nil,
        readerTemplate: String? = nil
    ) {
        self.indexPath = indexPath
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
        self.reloadOnHangup = reloadOnHangup
        self.defaultK = defaultK
        self.maxK = maxK
        self.maxBodyBytes = maxBodyBytes
        self.logLevel = logLevel
        self.modelsDirectory = modelsDirectory
        self.shutdownDelay = shutdownDelay
        self.drainTimeout = drainTimeout
        self.editors = editors
        self.readerTemplate = readerTemplate
    }

    /// Checks what `buildApplication` cannot refuse once serving: listening beyond loopback (`127.0.0.0/8`,
    /// `::1`, `localhost`) without editor credentials, and a reader's block template that cannot be used.
    /// - Throws: `ServerConfigurationError.exposedWithoutCredentials` or `.badReaderTemplate`.
    public func validate() throws(ServerConfigurationError) {
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        if !loopback && editors == nil { throw .exposedWithoutCredentials(host: host) }
        if let readerTemplate { _ = try ReaderBlock(path: readerTemplate) }
    }
}
