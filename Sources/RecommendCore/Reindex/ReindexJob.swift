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
    /// Related lists checked after writing. Default 200.
    public var validationSample = 200
    /// Where to write the JSON report, if anywhere.
    public var reportPath: String?
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
            report.status = "succeeded"
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
            do { return try body() } catch let error as ReindexError { throw error } catch {
                throw ReindexError.failed(step: step, reason: "\(error)")
            }
        }
        var phaseReport = report.phases
        var cpuStart = PhaseTimer.processCPUSeconds()
        func phase(_ name: String, count: Int, unit: String, seconds: Double) {
            phaseReport.append(
                BuildReport.Phase(name: name, seconds: seconds, cpuSeconds: PhaseTimer.processCPUSeconds() - cpuStart))
            progress?(.phase(name: name, count: count, unit: unit, seconds: seconds))
        }
        defer { report.phases = phaseReport }

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

        var clock = ContinuousClock.now
        cpuStart = PhaseTimer.processCPUSeconds()
        let (articles, feed) = try step(.read) {
            let read = try source.read(duplicates: duplicates)
            guard !read.articles.isEmpty else { throw FeedError.noArticles }
            return read
        }
        phase("read", count: articles.count, unit: "articles", seconds: clock.secondsSince)
        report.input.linesRead = feed.linesRead
        report.input.articles = articles.count
        report.input.skippedByReason = Dictionary(uniqueKeysWithValues: feed.skippedByReason.map { ($0.rawValue, $1) })
        report.issues = feed.issues

        let count = articles.count
        let onPhase: @Sendable (BuildReport.Phase) -> Void = { [progress] p in
            progress?(.phase(name: p.name, count: count, unit: "articles", seconds: p.seconds))
        }
        let contents: IndexContents = try step(.build) {
            var builder = IndexBuilder(
                configuration: previous?.metadata.configuration ?? RecommendConfiguration(), duplicates: duplicates,
                generation: generation)
            builder.onPhase = onPhase
            let built: (contents: IndexContents, report: BuildReport)
            if incremental, let previous {
                built = try builder.update(try previous.contents(), articles: articles, feed: feed)
                report.input.added = built.report.added
                report.input.removed = built.report.removed
                if let fallback = built.report.fallback { note("incremental run refused: \(fallback); rebuilding in full") }
            } else {
                if incremental { note("incremental run refused: there is no previous index; building in full") }
                built = try builder.build(articles: articles, feed: feed, previous: previous?.previousTopics())
            }
            report.mode = built.report.mode
            phaseReport += built.report.phases
            report.topics = built.report.topics?.changes
            return built.contents
        }
        report.articles = contents.articles.count
        report.terms = contents.model.vocabulary.count
        report.method = contents.metadata.method
        report.generation = generation

        let temporary = OutputFile.temporaryPath(for: index)
        clock = .now
        cpuStart = PhaseTimer.processCPUSeconds()
        let bytes = try step(.write) {
            let bytes = try IndexWriter.encode(contents)
            try OutputFile.writeDurably(bytes, to: temporary, reporting: index)
            return bytes.count
        }
        phase("write", count: bytes, unit: "bytes", seconds: clock.secondsSince)
        report.indexBytes = bytes
        do {
            clock = .now
            cpuStart = PhaseTimer.processCPUSeconds()
            let checked = try step(.validate) {
                try IndexValidator.validate(temporary, expected: contents, bytes: bytes, sample: validationSample)
            }
            phase("validate", count: checked, unit: "lists", seconds: clock.secondsSince)
            if let previous {
                clock = .now
                cpuStart = PhaseTimer.processCPUSeconds()
                let churn = try step(.validate) {
                    RelatedChurn(previous: try RelatedChurn.Lists(previous), next: RelatedChurn.Lists(contents))
                }
                report.churn = churn
                phase("churn", count: churn.articlesCompared, unit: "articles", seconds: clock.secondsSince)
            }
            try step(.rotate) { try generations.rotate() }
            clock = .now
            cpuStart = PhaseTimer.processCPUSeconds()
            try step(.install) { try OutputFile.install(temporary, at: index) }
            phase("install", count: 1, unit: "files", seconds: clock.secondsSince)
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
