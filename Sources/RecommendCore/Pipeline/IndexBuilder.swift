/// The one build pipeline: feed -> representation -> related lists -> near-duplicate groups, topics -> index
/// contents. Full and incremental builds differ only in the representation stage (vectors, latent space and
/// lists computed afresh, or the previous index's extended by `IncrementalUpdate`); the stages after it are
/// the same code, so every build yields complete `IndexContents`: lists, near-duplicate groups when the
/// configuration asks for them, topics with ids carried over from the previous index, and the configuration.
public struct IndexBuilder: Sendable {
    public var configuration: RecommendConfiguration
    public var duplicates: DuplicatePolicy
    /// Recorded in the index; the nightly job raises it with each rebuild.
    public var generation: UInt64
    /// Called as each phase ends, for progress output.
    public var onPhase: (@Sendable (BuildReport.Phase) -> Void)?
    /// The embedding channel's model, or why there is none (`ArticleEmbedder.load`), nil when none was looked
    /// for; used when the configuration asks for the channel (whose model name becomes the one loaded). A full
    /// build without it leaves the channel out and says why in its report; an update of an index that has the
    /// channel refuses to run without the same model.
    public var embedder: Result<ArticleEmbedder, EmbeddingError>?

    public init(
        configuration: RecommendConfiguration = RecommendConfiguration(), duplicates: DuplicatePolicy = .fail,
        generation: UInt64 = 1,
        embedder: Result<ArticleEmbedder, EmbeddingError>? = nil
    ) {
        self.configuration = configuration
        self.duplicates = duplicates
        self.generation = generation
        self.embedder = embedder
    }

    /// What the representation stage hands to the stages every build shares.
    struct Representation {
        var model: TFIDFModel
        var vectors: FieldVectors
        /// The latent space blended into scores, when the configuration blends one.
        var semantic: SemanticSpace?
        /// The embedding space, when the configuration has the channel.
        var embedding: EmbeddingSpace?
        /// Unit dense article vectors topics are found in.
        var clusterSpace: DenseMatrix
        var related: RelatedLists
        var method: String
        var statistics: SimilarityResult.Statistics
        /// What the stage relaxed for a corpus too small or too uniform for the configuration.
        var adjustments: [String] = []
    }

    /// Reads `inputs` and builds the index contents; topics keep the ids of `previous` where they continue.
    /// - Throws: `FeedError` (unreadable input, duplicate ids, nothing to index) or `LinearAlgebraError`.
    public func build(inputs: [String], previous: PreviousTopics? = nil) throws -> (
        contents: IndexContents, report: BuildReport
    ) {
        var timer = PhaseTimer(onPhase: onPhase)
        let (articles, feed) = try timer.measure("read") { try FeedReader(duplicates: duplicates).read(inputs) }
        return try build(articles: articles, feed: feed, previous: previous, timer: timer)
    }

    /// Builds the index contents of articles already in memory, in full.
    /// - Throws: `FeedError.noArticles` or `LinearAlgebraError`.
    public func build(articles: [Article], feed: FeedReport = FeedReport(), previous: PreviousTopics? = nil) throws
        -> (contents: IndexContents, report: BuildReport)
    {
        try build(articles: articles, feed: feed, previous: previous, timer: PhaseTimer(onPhase: onPhase))
    }

    /// Builds the next generation of `previous` from `articles`, the whole source: incrementally when the
    /// source only adds a few articles to it (`IncrementalUpdate`), else in full with the previous topic ids.
    /// The report's `mode` says which, and `fallback` why a full build was made. The configuration is the
    /// previous index's, whatever `configuration` says.
    /// - Throws: `FeedError.noArticles` or `LinearAlgebraError`.
    public func update(_ previous: IndexContents, articles: [Article], feed: FeedReport = FeedReport()) throws -> (
        contents: IndexContents, report: BuildReport
    ) {
        var builder = self
        builder.configuration = previous.metadata.configuration
        try requireModel(of: previous.embedding?.model, index: "the serving index")
        let topics = previous.topics.map { PreviousTopics(articleIDs: previous.articles.map(\.id), clusters: $0) }
        let plan = IncrementalUpdate.plan(previous: previous, articles: articles)
        if let refusal = plan.refusal(previous: previous) {
            var built = try builder.build(articles: articles, feed: feed, previous: topics)
            built.report.fallback = refusal
            built.report.added = plan.added.count
            built.report.removed = plan.removed.count
            return built
        }
        var timer = PhaseTimer(onPhase: onPhase)
        let representation = IncrementalUpdate.extend(
            previous, adding: plan.added, embedder: try? embedder?.get(), timer: &timer)
        var built = try builder.complete(
            representation, articles: previous.articles + plan.added, feed: feed, previous: topics, timer: timer)
        built.report.mode = .incremental
        built.report.added = plan.added.count
        built.report.removed = 0
        return built
    }

    /// Checks that this builder has the model an index built with `model` was embedded by (nothing to check for
    /// none, or for a feed's own vectors): a rebuild must keep the channel, computed by the same model. A thinner
    /// index, or vectors of two models side by side, would be worse than no run.
    /// - Throws: `EmbeddingError.otherModel` naming `index`.
    public func requireModel(of model: EmbeddingModelIdentity?, index: String) throws(EmbeddingError) {
        guard let model, !model.isFeed else { return }
        let found = try? embedder?.get()
        guard let found, found.identity == model else {
            throw .otherModel(index: index, built: model, found: found?.identity)
        }
    }

    private func build(articles: [Article], feed: FeedReport, previous: PreviousTopics?, timer: PhaseTimer) throws
        -> (contents: IndexContents, report: BuildReport)
    {
        guard !articles.isEmpty else { throw FeedError.noArticles(report: feed) }
        var timer = timer
        var builder = self
        var left: String?
        var source: EmbeddingSource?
        if configuration.embedding != nil {
            if let length = articles.lazy.compactMap(\.embedding).first?.count {
                // The site's own vectors replace the installed model's.
                source = .feed(length)
            } else {
                switch embedder {
                case .success(let found): source = .model(found)
                case .failure(let error): left = "no embedding channel: \(error)"
                case nil: left = "no embedding channel: no embedding model was given"
                }
            }
            if let source {
                builder.configuration.embedding?.model = source.identity.name
            } else {
                builder.configuration.embedding = nil
            }
        }
        var representation = try builder.represent(articles, embedding: source, timer: &timer)
        if let left { representation.adjustments.insert(left, at: 0) }
        return try builder.complete(representation, articles: articles, feed: feed, previous: previous, timer: timer)
    }

    /// The full representation stage: TF-IDF model and vectors, embedding and latent spaces, every related list.
    private func represent(_ articles: [Article], embedding source: EmbeddingSource?, timer: inout PhaseTimer) throws
        -> Representation
    {
        var relaxed: [String] = []
        let (model, vectors) = timer.measure("vectors") {
            TFIDFBuilder(text: configuration.text, weighting: configuration.weighting)
                .build(articles, relaxed: &relaxed)
        }
        let embedding = source.map { source in
            timer.measure("embedding") {
                source.space(of: articles, axes: configuration.embedding?.dimensions ?? EmbeddingOptions().dimensions)
            }
        }
        let similarity = configuration.similarity
        let latent = try timer.measure("dense") {
            try LatentSemanticModel.articleVectors(
                vectors, model: ScoreModel(lexical: configuration.weighting), dimensions: similarity.denseDimensions,
                powerIterations: similarity.powerIterations, seed: similarity.seed, sample: similarity.latentSample)
        }
        let result = timer.measure("similarity") {
            SimilarityEngine(options: similarity, weighting: configuration.weighting)
                .relatedLists(vectors, latent: latent, embedding: embedding)
        }
        return Representation(
            model: model, vectors: vectors, semantic: result.semantic, embedding: embedding,
            clusterSpace: latent.unitVectors(dimensions: latent.dimensions), related: result.lists,
            method: result.method, statistics: result.statistics, adjustments: relaxed)
    }

    /// The stages every build shares: near-duplicate groups, topics, metadata and the report.
    private func complete(
        _ built: Representation, articles: [Article], feed: FeedReport, previous: PreviousTopics?, timer: PhaseTimer
    ) throws -> (contents: IndexContents, report: BuildReport) {
        var timer = timer
        let lexical = ScoreModel(lexical: configuration.weighting)
        let duplicates = configuration.nearDuplicates.map { options in
            timer.measure("duplicates") {
                NearDuplicateGroups.find(
                    related: built.related,
                    scorer: PairScorer(
                        vectors: built.vectors, weighting: configuration.weighting, semantic: built.semantic,
                        embedding: built.embedding),
                    threshold: options.bodyCosine)
            }
        }
        let (topics, changes) = try timer.measure("topics") {
            try TopicBuilder(options: configuration.topics, seed: configuration.similarity.seed, model: lexical)
                .build(
                    dense: built.clusterSpace, vectors: built.vectors, vocabulary: built.model.vocabulary,
                    articleIDs: articles.map(\.id), previous: previous)
        }
        let metadata = IndexMetadata(
            generation: generation, configuration: configuration, articleCount: articles.count,
            termCount: built.model.vocabulary.count, neighbours: built.related.width, method: built.method,
            semanticDimensions: built.semantic?.dimensions ?? 0, embedding: built.embedding?.model,
            embeddingAxes: built.embedding?.axes?.rows)
        let contents = IndexContents(
            metadata: metadata, articles: articles, model: built.model, vectors: built.vectors,
            semantic: built.semantic, embedding: built.embedding, related: built.related, duplicates: duplicates,
            topics: topics)
        var report = BuildReport(
            feed: feed, articles: articles.count, terms: built.model.vocabulary.count, method: built.method,
            similarity: built.statistics, phases: timer.phases,
            topics: TopicReport(
                count: topics.table.count, topics: topics.table.topics.count,
                unassigned: topics.articleTopics.count { $0 < 0 }, changes: changes),
            embedding: built.embedding?.model)
        report.adjustments = built.adjustments + topicAdjustments(topics.table.count, articles: articles.count)
        return (contents, report)
    }

    /// What the topic stage changed from the configuration, as `BuildReport.adjustments` says it.
    private func topicAdjustments(_ count: TopicCount, articles: Int) -> [String] {
        let most = TopicBuilder.maximumCount(articles: articles)
        let average = "\(TopicBuilder.minimumAverageSize) articles a topic on average"
        if let asked = count.asked {
            return [
                "topics: \(asked) asked for, but \(articles) articles allow at most \(most) (\(average)); "
                    + "clamped to \(most)"
            ]
        }
        if count.rule != .fixed, most < configuration.topics.autoRange.upperBound {
            return ["topics: auto chose among at most \(most) for \(articles) articles (\(average))"]
        }
        return []
    }
}

extension IndexBuilder {
    /// Reads `inputs`, builds the index (topic ids carried over from `previous`) and writes it atomically to `path`.
    /// - Throws: as `build(inputs:previous:)`, or `OutputError` when `path` cannot be written (refused before
    ///   the build when it names something other than a regular file).
    public func build(inputs: [String], previous: PreviousTopics? = nil, writingTo path: String) throws -> BuildReport {
        try OutputFile.checkReplaceable(path)
        let built = try build(inputs: inputs, previous: previous)
        var timer = PhaseTimer()
        try timer.measure("write") { try IndexWriter.write(built.contents, to: path) }
        var report = built.report
        report.phases += timer.phases
        return report
    }
}
