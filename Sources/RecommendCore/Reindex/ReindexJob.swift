internal import Foundation

/// The nightly job: rebuild an index from its source and replace the serving one only when the new one is
/// complete and checked.
///
/// Steps (see `ReindexStep`): take the lock `INDEX.lock` (another run → `ReindexError.locked`), remove temporary
/// files of killed runs, open the previous index, read the source, build (in full, or incrementally from the
/// previous index), write `INDEX.tmp-PID` and sync it, validate it, compare its lists with the previous
/// generation, move older generations along (`INDEX.1` ... `INDEX.keep`), rename the new file over `INDEX` and
/// sync the directory. A failure before the rename leaves the previous index untouched; the temporary file is
/// removed (or, after a kill, by the next run).
public struct ReindexJob: Sendable {
    public var source: ArticleSource
    /// The serving index.
    public var index: String
    /// Previous generations to keep (`INDEX.1` newest). Default 3.
    public var keep = 3
    /// Extend the previous index with new articles instead of rebuilding, when possible. Default off.
    public var incremental = false
    /// What to do with repeated ids.
    public var duplicates = DuplicatePolicy.fail
    /// The largest share of the serving index's articles a run may drop before it refuses to build
    /// (`ReindexError.shrinking`); nil lets any shrink through. Default 0.2.
    public var maximumShrink: Double? = 0.2
    /// Related lists checked after writing. Default 200.
    public var validationSample = 200
    /// Where to write the JSON report, if anywhere.
    public var reportPath: String?
    /// The folder of the embedding model the index's configuration names; nil for none. Without the model, a first
    /// index is built without the channel (the run says so); an index that has the channel is not rebuilt without
    /// it.
    public var modelsDirectory: String?
    /// Receives progress.
    public var progress: (@Sendable (ReindexEvent) -> Void)?
    /// Makes the run fail at this step (tests of the failure paths).
    var failingStep: ReindexStep?

    public init(source: ArticleSource, index: String) {
        self.source = source
        self.index = index
    }

    /// Runs the job and returns its report (also written to `reportPath`, on failure too, except when another run
    /// holds the lock).
    /// - Throws: `ReindexError`, naming the step that failed.
    public func run() throws -> ReindexReport {
        var report = ReindexReport(index: index, source: source.description, startedAt: Self.now())
        do {
            try run(&report)
            report.status = .succeeded
        } catch let error as ReindexError {
            report.failedStep = error.step
            report.error = error.description
            report.finishedAt = Self.now()
            // A run refused by the lock leaves the report file to the run that holds it.
            if case .locked = error {} else { try? write(report) }
            throw error
        }
        report.finishedAt = Self.now()
        FaultPoint.reach(.beforeStep(.report))
        do {
            try write(report)
        } catch {
            throw ReindexError.failed(step: .report, reason: "cannot write \(reportPath ?? ""): \(error)")
        }
        return report
    }

    private func run(_ report: inout ReindexReport) throws {
        func note(_ text: String) {
            report.notes.append(text)
            progress?(.note(text))
        }
        func step<T>(_ step: ReindexStep, _ body: () throws -> T) throws -> T {
            FaultPoint.reach(.beforeStep(step))
            if failingStep == step { throw ReindexError.failed(step: step, reason: "failure injected for a test") }
            do { return try body() } catch let error as ReindexError { throw error } catch let error as DatabaseError {
                if error.isTemporary { throw ReindexError.unavailable(step: step, reason: "\(error)") }
                throw ReindexError.failed(step: step, reason: "\(error)")
            } catch {
                throw ReindexError.failed(step: step, reason: "\(error)")
            }
        }
        var timer = PhaseTimer()
        defer { report.phases += timer.phases }
        /// Runs `body` as step `reindexStep`, timed as the phase `name`, whose progress line counts `count(result)`.
        func timedStep<T>(
            _ name: String, _ reindexStep: ReindexStep, unit: String, count: (T) -> Int, _ body: () throws -> T
        ) throws -> T {
            let result = try timer.measure(name) { try step(reindexStep, body) }
            progress?(.phase(name: name, count: count(result), unit: unit, seconds: timer.phases.last?.seconds ?? 0))
            return result
        }

        // Nothing may be created beside an index path that names a device, a FIFO or a directory.
        do { try OutputFile.checkReplaceable(index) } catch {
            throw ReindexError.failed(step: .write, reason: "\(error)")
        }
        let lock = try step(.lock) { try ReindexLock(indexPath: index) }
        defer { withExtendedLifetime(lock) {} }
        let generations = IndexGenerations(path: index, keep: keep)
        var stale = generations.removeStaleTemporaries()
        // A run killed while writing its report leaves REPORT.tmp-PID beside the report.
        if let reportPath { stale += IndexGenerations(path: reportPath, keep: 0).removeStaleTemporaries() }
        if !stale.isEmpty { note("removed temporary files of interrupted runs: \(stale.joined(separator: ", "))") }

        let previous: RecommendIndex? = try step(.previous) {
            guard FileManager.default.fileExists(atPath: index) else { return nil }
            do { return try RecommendIndex(path: index) } catch {
                note("the previous index cannot be opened (\(error)); building a new one")
                return nil
            }
        }
        let generation = (previous?.metadata.generation ?? lastKeptGeneration(generations) ?? 0) + 1
        report.previousGeneration = previous?.metadata.generation

        let (articles, feed) = try timedStep("read", .read, unit: "articles", count: { $0.0.count }) {
            try source.read(duplicates: duplicates)
        }
        report.input.linesRead = feed.linesRead
        report.input.articles = articles.count
        report.input.skippedByReason = Dictionary(uniqueKeysWithValues: feed.skippedByReason.map { ($0.rawValue, $1) })
        report.issues = feed.issues
        guard !articles.isEmpty else {
            throw ReindexError.failed(step: .read, reason: FeedError.noArticles(report: feed).description)
        }
        if let limit = maximumShrink, let previous, articles.count < previous.count {
            let lost = Double(previous.count - articles.count) / Double(previous.count)
            if lost > limit {
                throw ReindexError.shrinking(previous: previous.count, next: articles.count, limit: limit)
            }
        }

        let count = articles.count
        let onPhase: @Sendable (BuildReport.Phase) -> Void = { [progress] p in
            progress?(.phase(name: p.name, count: count, unit: "articles", seconds: p.seconds))
        }
        let contents: IndexContents = try step(.build) {
            var builder = IndexBuilder(
                configuration: previous?.metadata.configuration ?? RecommendConfiguration(), duplicates: duplicates,
                generation: generation)
            builder.onPhase = onPhase
            if let modelsDirectory {
                builder.embedder = ArticleEmbedder.load(for: builder.configuration.embedding, in: modelsDirectory)
            }
            try builder.requireModel(of: previous?.metadata.embedding, index: index)
            let built: (contents: IndexContents, report: BuildReport)
            if incremental, let previous {
                built = try builder.update(try previous.contents(), articles: articles, feed: feed)
                report.input.added = built.report.added
                report.input.removed = built.report.removed
                if let fallback = built.report.fallback {
                    note("incremental run refused: \(fallback); rebuilding in full")
                }
            } else {
                if incremental { note("incremental run refused: there is no previous index; building in full") }
                built = try builder.build(articles: articles, feed: feed, previous: previous?.previousTopics())
            }
            report.mode = built.report.mode
            for adjustment in built.report.adjustments { note(adjustment) }
            timer.record(built.report.phases)
            report.topics = built.report.topics?.changes
            return built.contents
        }
        report.articles = contents.articles.count
        report.terms = contents.model.vocabulary.count
        report.method = contents.metadata.method
        report.generation = generation

        let temporary = OutputFile.temporaryPath(for: index)
        let bytes = try timedStep("write", .write, unit: "bytes", count: { $0 }) {
            let bytes = try IndexWriter.encode(contents)
            try OutputFile.writeDurably(bytes, to: temporary, reporting: index)
            return bytes.count
        }
        report.indexBytes = bytes
        do {
            _ = try timedStep("validate", .validate, unit: "lists", count: { $0 }) {
                try IndexValidator.validate(temporary, expected: contents, bytes: bytes, sample: validationSample)
            }
            if let previous {
                report.churn = try timedStep("churn", .validate, unit: "articles", count: \.articlesCompared) {
                    RelatedChurn(previous: try RelatedChurn.Lists(previous), next: RelatedChurn.Lists(contents))
                }
            }
            try step(.rotate) { try generations.rotate() }
            try timedStep("install", .install, unit: "files", count: { _ in 1 }) {
                try OutputFile.install(temporary, at: index)
            }
        } catch {
            unlink(temporary)
            throw error
        }
        report.keptGenerations = generations.kept
    }

    /// The generation of the newest readable previous generation file, when the serving index is unreadable.
    private func lastKeptGeneration(_ generations: IndexGenerations) -> UInt64? {
        (1...max(1, keep)).lazy.compactMap { try? RecommendIndex(path: generations.previous($0)).metadata.generation }
            .first
    }

    private func write(_ report: ReindexReport) throws {
        guard let reportPath else { return }
        try OutputFile.write(Array((try JSONCoding.pretty(report) + "\n").utf8), to: reportPath)
    }

    private static func now() -> String { ISO8601Date.format(Int64(Date().timeIntervalSince1970)) }
}
