/// The whole indexing job: feed -> TF-IDF vectors -> related lists -> index contents.
public struct IndexBuilder: Sendable {
    public var configuration: RecommendConfiguration
    public var duplicates: DuplicatePolicy
    /// Recorded in the index; the nightly job raises it with each rebuild.
    public var generation: UInt64
    /// Called as each phase of `build(articles:feed:)` ends, for progress output.
    public var onPhase: (@Sendable (BuildReport.Phase) -> Void)?

    public init(
        configuration: RecommendConfiguration = RecommendConfiguration(), duplicates: DuplicatePolicy = .fail,
        generation: UInt64 = 1
    ) {
        self.configuration = configuration
        self.duplicates = duplicates
        self.generation = generation
    }

    /// Reads `inputs` and builds the index contents.
    /// - Throws: `FeedError` (unreadable input, duplicate ids, nothing to index) or `LinearAlgebraError`.
    public func build(inputs: [String]) throws -> (contents: IndexContents, report: BuildReport) {
        let clock = ContinuousClock.now
        let (articles, feedReport) = try FeedReader(duplicates: duplicates).read(inputs)
        let readSeconds = clock.secondsSince
        guard !articles.isEmpty else { throw FeedError.noArticles }
        var (contents, report) = try build(articles: articles, feed: feedReport)
        report.phases.insert(BuildReport.Phase(name: "read", seconds: readSeconds), at: 0)
        return (contents, report)
    }

    /// Builds the index contents of articles already in memory.
    public func build(articles: [Article], feed: FeedReport = FeedReport()) throws -> (
        contents: IndexContents, report: BuildReport
    ) {
        var phases: [BuildReport.Phase] = []
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let clock = ContinuousClock.now
            defer {
                phases.append(BuildReport.Phase(name: name, seconds: clock.secondsSince))
                onPhase?(phases[phases.count - 1])
            }
            return try body()
        }
        let (model, vectors) = timed("vectors") {
            TFIDFBuilder(text: configuration.text, weighting: configuration.weighting).build(articles)
        }
        let similarity = configuration.similarity
        let latent = try timed("dense") {
            try LatentSemanticModel.articleVectors(
                vectors, titleWeight: configuration.weighting.titleWeight, dimensions: similarity.denseDimensions,
                powerIterations: similarity.powerIterations, seed: similarity.seed)
        }
        let (related, method, semantic, recall) = timed("similarity") {
            SimilarityEngine(options: similarity, weighting: configuration.weighting).relatedLists(vectors, latent: latent)
        }
        let metadata = IndexMetadata(
            generation: generation, configuration: configuration, articleCount: articles.count,
            termCount: model.vocabulary.count, neighbours: related.width, method: method,
            semanticDimensions: semantic?.dimensions ?? 0)
        let stored = articles.map {
            Article(id: $0.id, title: $0.title, body: "", published: $0.published, category: $0.category, url: $0.url)
        }
        let contents = IndexContents(
            metadata: metadata, articles: stored, model: model, vectors: vectors, semantic: semantic, related: related)
        let report = BuildReport(
            feed: feed, articles: articles.count, terms: model.vocabulary.count, method: method,
            sampledRecall: recall, phases: phases)
        return (contents, report)
    }
}

extension IndexBuilder {
    /// Reads `inputs`, builds the index and writes it atomically to `path`.
    public func build(inputs: [String], writingTo path: String) throws -> BuildReport {
        let built = try build(inputs: inputs)
        var report = built.report
        let clock = ContinuousClock.now
        try IndexWriter.write(built.contents, to: path)
        report.phases.append(BuildReport.Phase(name: "write", seconds: clock.secondsSince))
        return report
    }
}
