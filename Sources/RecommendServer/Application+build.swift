public import Hummingbird
public import HummingbirdAuth
public import Logging
internal import RecommendCore
internal import ServiceLifecycle
internal import UnixSignals

/// The request context of every route: the editor its credentials name, if any.
public typealias AppRequestContext = BasicAuthRequestContext<Editor>

/// Builds the HTTP service: loads the index at `configuration.indexPath` with the editorial overrides beside it
/// (`<index>.overrides.json`, if present; a missing or corrupt index or a bad overrides file is logged and the
/// service starts unready, answering 503 until good files appear), the router, and the reloader that swaps in
/// new index and overrides files while serving. Call `configuration.validate()` first: a reader's block template
/// that cannot be used is logged and replaced by the built-in one.
/// - Parameters:
///   - configuration: Address, index path, reload and request limits.
///   - logger: Where the service logs; `configuration.logLevel` is applied to it. Default: a `recommend` logger.
public func buildApplication(
    _ configuration: ServerConfiguration, logger: Logger = Logger(label: "recommend")
) -> some ApplicationProtocol {
    makeApplication(configuration, logger: logger).application
}

/// Runs the service until SIGTERM or SIGINT, then stops it in order: `/readyz` turns to 503 `draining`, the
/// listener stays open for `configuration.shutdownDelay`, then closes, and the requests in flight finish within
/// `configuration.drainTimeout` (after which they are cut off). Returns when the service has stopped.
public func runApplication(_ configuration: ServerConfiguration, logger: Logger = Logger(label: "recommend"))
    async throws
{
    let (application, served) = makeApplication(configuration, logger: logger)
    var settings = ServiceGroupConfiguration(
        services: [
            .init(service: application),
            .init(service: ShutdownDrain(served: served, delay: configuration.shutdownDelay, logger: logger)),
        ],
        gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
    settings.maximumGracefulShutdownDuration = configuration.shutdownDelay + configuration.drainTimeout
    do {
        try await ServiceGroup(configuration: settings).run()
    } catch where served.isDraining {
        // The drain timeout ran out: the requests still running were cancelled. The stop itself was asked for.
        logger.warning("requests still running after the drain timeout were cut off", metadata: ["error": "\(error)"])
    }
    logger.notice("stopped")
}

/// The application and the index holder its routes share.
func makeApplication(
    _ configuration: ServerConfiguration, logger: Logger
) -> (application: Application<RouterResponder<AppRequestContext>>, served: ServedIndex) {
    var logger = logger
    logger.logLevel = configuration.logLevel
    // Requests run side by side on every core; each query's small BLAS calls stay on its own thread.
    BLASThreads.set(1)
    let metrics = ServiceMetrics()
    let served = ServedIndex(path: configuration.indexPath)
    let initialFiles = WatchedFiles(indexPath: configuration.indexPath)
    do {
        let snapshot = try IndexSnapshot.load(
            path: configuration.indexPath, modelsDirectory: configuration.modelsDirectory)
        served.replace(with: snapshot)
        metrics.indexLoaded(snapshot, isReload: false)
        logger.notice(
            "index loaded",
            metadata: [
                "index.path": "\(configuration.indexPath)", "index.generation": "\(snapshot.generation)",
                "index.articles": "\(snapshot.index.count)", "overrides.path": "\(snapshot.overridesPath ?? "none")",
            ])
        snapshot.logOverridesWarnings(to: logger)
    } catch {
        if initialFiles.index != nil { metrics.reloadFailed() }
        logger.error(
            "no index to serve yet; answering 503 until a valid index (and overrides file, if any) appears",
            metadata: ["index.path": "\(configuration.indexPath)", "error": "\(error)"])
    }
    var readerBlock = ReaderBlock()
    if let path = configuration.readerTemplate {
        do {
            readerBlock = try ReaderBlock(path: path)
        } catch {
            logger.error("reader's block template refused; serving the built-in one", metadata: ["error": "\(error)"])
        }
    }
    let router = buildRouter(served: served, metrics: metrics, configuration: configuration, readerBlock: readerBlock)
    let host = configuration.host
    var app = Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(host, port: configuration.port), serverName: "recommend"),
        onServerRunning: { [logger] channel in
            let port = channel.localAddress?.port ?? configuration.port
            logger.notice("listening", metadata: ["address": "http://\(host):\(port)"])
        },
        logger: logger)
    app.addServices(
        IndexReloader(
            served: served, metrics: metrics, pollInterval: configuration.pollInterval,
            reloadOnHangup: configuration.reloadOnHangup, logger: logger,
            modelsDirectory: configuration.modelsDirectory, initialFiles: initialFiles))
    return (app, served)
}

/// The routes and middleware: request log, metrics and JSON errors around every route, unknown ones included.
/// Every GET route answers HEAD too, with the GET response's headers and no body.
func buildRouter(
    served: ServedIndex, metrics: ServiceMetrics, configuration: ServerConfiguration,
    readerBlock: ReaderBlock = ReaderBlock()
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.addMiddleware {
        RequestLogMiddleware()
        RequestMetricsMiddleware(metrics: metrics)
        ErrorResponseMiddleware()
        ConditionalRequestMiddleware()
    }
    if let editors = configuration.editors { router.addMiddleware { EditorAuthenticator(credentials: editors) } }
    router.addRoutes(HealthController(served: served).endpoints)
    router.addRoutes(MetricsController(metrics: metrics).endpoints)
    let articles = ArticleController<AppRequestContext>(
        served: served, defaultK: configuration.defaultK, maxK: configuration.maxK,
        maxBodyBytes: configuration.maxBodyBytes, readerBlock: readerBlock)
    router.addRoutes(articles.endpoints, atPath: "/v1")
    router.addRoutes(TopicController<AppRequestContext>(served: served).endpoints, atPath: "/v1")
    let console = ConsoleController<AppRequestContext>(
        served: served, store: OverridesStore(path: RelatedOverrides.defaultPath(forIndex: configuration.indexPath)),
        editors: configuration.editors, defaultK: configuration.defaultK, maxK: configuration.maxK,
        maxBodyBytes: configuration.maxBodyBytes, readerBlock: readerBlock)
    router.addRoutes(console.endpoints)
    return router
}
