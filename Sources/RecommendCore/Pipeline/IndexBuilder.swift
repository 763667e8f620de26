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

    /// Reads `inputs` and builds the index contents; topics keep the ids of `previous` where they continue.
    /// - Throws: `FeedError` (unreadable input, duplicate ids, nothing to index) or `LinearAlgebraError`.
    public func build(inputs: [String], previous: PreviousTopics? = nil) throws -> (
        contents: IndexContents, report: BuildReport
    ) {
        var timer = PhaseTimer()
        let (articles, feedReport) = try timer.measure("read") { try FeedReader(duplicates: duplicates).read(inputs) }
        guard !articles.isEmpty else { throw FeedError.noArticles }
        var (contents, report) = try build(articles: articles, feed: feedReport, previous: previous)
        report.phases.insert(contentsOf: timer.phases, at: 0)
        return (contents, report)
    }

    /// Builds the index contents of articles already in memory.
    public func build(articles: [Article], feed: FeedReport = FeedReport(), previous: PreviousTopics? = nil) throws -> (
        contents: IndexContents, report: BuildReport
    ) {
        var timer = PhaseTimer(onPhase: onPhase)
        let (model, vectors) = timer.measure("vectors") {
            TFIDFBuilder(text: configuration.text, weighting: configuration.weighting).build(articles)
        }
        let similarity = configuration.similarity
        let latent = try timer.measure("dense") {
            try LatentSemanticModel.articleVectors(
                vectors, titleWeight: configuration.weighting.titleWeight, dimensions: similarity.denseDimensions,
                powerIterations: similarity.powerIterations, seed: similarity.seed, sample: similarity.latentSample)
        }
        let result = timer.measure("similarity") {
            SimilarityEngine(options: similarity, weighting: configuration.weighting).relatedLists(vectors, latent: latent)
        }
        let (related, method, semantic) = (result.lists, result.method, result.semantic)
        let duplicates = configuration.nearDuplicates.map { options in
            timer.measure("duplicates") {
                NearDuplicateGroups.find(
                    vectors, related: related, titleWeight: configuration.weighting.titleWeight,
                    threshold: options.bodyCosine)
            }
        }
        let (topics, changes) = try timer.measure("topics") {
            try TopicBuilder(
                options: configuration.topics, seed: similarity.seed, titleWeight: configuration.weighting.titleWeight
            ).build(
                dense: latent.unitVectors(dimensions: latent.dimensions), vectors: vectors, vocabulary: model.vocabulary, articleIDs: articles.map(\.id),
                previous: previous)
        }
        let metadata = IndexMetadata(
            generation: generation, configuration: configuration, articleCount: articles.count,
            termCount: model.vocabulary.count, neighbours: related.width, method: method,
            semanticDimensions: semantic?.dimensions ?? 0)
        let stored = articles.map {
            Article(id: $0.id, title: $0.title, body: "", published: $0.published, category: $0.category, url: $0.url)
        }
        let contents = IndexContents(
            metadata: metadata, articles: stored, model: model, vectors: vectors, semantic: semantic, related: related,
            duplicates: duplicates, topics: topics)
        let report = BuildReport(
            feed: feed, articles: articles.count, terms: model.vocabulary.count, method: method,
            similarity: result.statistics, phases: timer.phases,
            topics: TopicReport(
                count: topics.table.count, topics: topics.table.topics.count,
                unassigned: topics.articleTopics.count { $0 < 0 }, changes: changes))
        return (contents, report)
    }
}

extension IndexBuilder {
    /// Reads `inputs`, builds the index (topic ids carried over from `previous`) and writes it atomically to `path`.
    public func build(inputs: [String], previous: PreviousTopics? = nil, writingTo path: String) throws -> BuildReport {
        let built = try build(inputs: inputs, previous: previous)
        var timer = PhaseTimer()
        try timer.measure("write") { try IndexWriter.write(built.contents, to: path) }
        var report = built.report
        report.phases += timer.phases
        return report
    }
}
