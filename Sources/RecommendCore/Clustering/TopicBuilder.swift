
/// Topics for an index: how many (`TopicCountRule` or a fixed count), which articles (`SphericalKMeans` on the
/// leading dense dimensions centred by `TopicSpace`, then a few rounds in the term space by `TermSpaceRefinement`),
/// their ids (new, or carried over from the previous index by `TopicMatcher`), their words and central articles
/// (`TopicLabeler`).
///
/// With a previous index the clustering also starts from the previous topics: their centroids are rebuilt in
/// this index's dense space as the means of the articles both indexes hold, and refined. That warm start is kept
/// unless a fresh run reaches an objective more than `warmStartTolerance` better, so a small change of the feed
/// moves few articles while a large one still gets the best clustering.
public struct TopicBuilder: Sendable {
    public var options: TopicOptions
    public var seed: UInt64
    /// The field weighting of the term profiles behind labels and centroids (the lexical score model).
    public var model: ScoreModel

    /// The share of the objective by which a fresh clustering must beat the warm start to replace it.
    static let warmStartTolerance = 0.01
    /// In `auto` mode the previous count is kept while its eigengap score is within this of the best one.
    static let countHysteresis = 0.05
    /// The fewest articles a topic holds on average: no count is chosen, or made when asked for, above
    /// `articles / minimumAverageSize`, so a small corpus is never split into mostly single-article topics.
    public static let minimumAverageSize = 5

    /// The most topics `articles` articles get: one per `minimumAverageSize` articles, at least one.
    public static func maximumCount(articles: Int) -> Int { max(1, articles / minimumAverageSize) }

    public init(options: TopicOptions, seed: UInt64, model: ScoreModel) {
        self.options = options
        self.seed = seed
        self.model = model
    }

    /// The topics of the articles whose unit dense vectors are the rows of `dense` (same order as `vectors` and
    /// `articleIDs`), and what changed against `previous`.
    /// - Throws: `LinearAlgebraError` from the eigen-decomposition behind `auto`.
    /// - Complexity: O(restarts × iterations × n × k × d) for k-means, O(n × d²) for `auto`,
    ///   O(rounds × (entries × k + k × terms)) for the term-space rounds and labels.
    public func build(
        dense: DenseMatrix, vectors: FieldVectors, vocabulary: Vocabulary, articleIDs: [String],
        previous: PreviousTopics? = nil
    ) throws(LinearAlgebraError) -> (topics: TopicClusters, changes: TopicChanges?) {
        let points = TopicSpace.points(dense, columns: options.dimensions, keeping: vectors)
        let active = SphericalKMeans.activeRows(points).count
        let count = try topicCount(points, previous: previous)
        let kmeans = SphericalKMeans(
            clusters: min(count.requested, active), restarts: options.restarts, maxIterations: options.maxIterations,
            seed: seed)
        var partition = kmeans.fit(points)
        var warm = false
        if let previous,
            let start = warmStart(points, articleIDs: articleIDs, previous: previous, clusters: kmeans.clusters)
        {
            let continued = kmeans.refine(points, from: start)
            if continued.objective >= partition.objective * (1 - Self.warmStartTolerance) {
                partition = continued
                warm = true
            }
        }
        partition = TermSpaceRefinement(model: model).refine(
            partition, points: points, vectors: vectors, rounds: options.termSpaceRounds)
        partition = Self.largestFirst(partition)
        let k = partition.clusterCount

        var ids = Array(1..<(k + 1))
        var nextID = k + 1
        var changes: TopicChanges?
        if let previous {
            let matched = TopicMatcher(minimumJaccard: options.matchOverlap).match(
                clusters: partition.assignments, clusterCount: k, articleIDs: articleIDs, previous: previous)
            ids = matched.ids
            nextID = matched.nextID
            changes = matched.changes
            changes?.warmStart = warm
        }

        let labeler = TopicLabeler(vocabulary: vocabulary, model: model)
        let profiles = labeler.profiles(vectors, assignments: partition.assignments, clusters: k)
        let labels = labeler.labels(profiles: profiles, clusters: k, count: options.labelTerms)
        var members = [[Int]](repeating: [], count: k)
        for (i, a) in partition.assignments.enumerated() where a >= 0 { members[Int(a)].append(i) }
        let topics = (0..<k).map { c in
            let central = members[c].sorted {
                (partition.similarities[$0], -$0) > (partition.similarities[$1], -$1)
            }
            return Topic(
                id: ids[c], labelTerms: labels[c], size: members[c].count,
                centralArticles: Array(central.prefix(options.centralArticles)))
        }
        let clusters = TopicClusters(
            table: TopicTable(topics: topics, nextID: nextID, count: count),
            articleTopics: partition.assignments.map { $0 >= 0 ? Int32(ids[Int($0)]) : -1 },
            centrality: partition.similarities,
            centroids: labeler.centroids(profiles: profiles, clusters: k, count: options.centroidTerms))
        return (clusters, changes)
    }

    /// The fixed count, or the `auto` choice (kept at the previous count while that is nearly as good).
    func topicCount(_ points: DenseMatrix, previous: PreviousTopics?) throws(LinearAlgebraError) -> TopicCount {
        let ceiling = Self.maximumCount(articles: points.rows)
        if let fixed = options.count {
            let asked = max(1, fixed)
            guard asked > ceiling else { return TopicCount(rule: .fixed, requested: asked) }
            return TopicCount(rule: .fixed, requested: ceiling, asked: asked)
        }
        let lower = options.autoRange.lowerBound
        guard ceiling >= lower else { return TopicCount(rule: .auto, requested: ceiling) }
        let range = lower...min(options.autoRange.upperBound, ceiling)
        guard let (chosen, scores) = TopicCountRule.choose(spectrum: try TopicCountRule.spectrum(points), range: range)
        else {
            return TopicCount(rule: .auto, requested: max(1, min(points.rows, range.lowerBound)))
        }
        if let previous, previous.table.count.rule != .fixed {
            let kept = previous.table.count.requested
            let position = kept - range.lowerBound
            if scores.indices.contains(position),
                scores[chosen - range.lowerBound] - scores[position] < Self.countHysteresis
            {
                return TopicCount(rule: .previous, requested: kept, scores: scores)
            }
        }
        return TopicCount(rule: .auto, requested: chosen, scores: scores)
    }

    /// The previous topics' centroids in this dense space: the normalised mean of each old topic's articles that
    /// are still here, largest topics first, cut or filled (with the points farthest from every centroid) to
    /// `clusters` rows. `nil` when no article carries over.
    func warmStart(_ points: DenseMatrix, articleIDs: [String], previous: PreviousTopics, clusters: Int) -> DenseMatrix?
    {
        let d = points.columns
        let old = previous.table.topics
        guard clusters > 0, !old.isEmpty else { return nil }
        var position: [Int: Int] = [:]
        for (p, topic) in old.enumerated() { position[topic.id] = p }
        let carried = articleIDs.map { id in previous.topicOfArticle[ArticleID(id)].flatMap { position[$0] }.map(Int32.init) ?? -1
        }
        var counts = [Int](repeating: 0, count: old.count)
        for p in carried where p >= 0 { counts[Int(p)] += 1 }
        let rows = (0..<old.count).filter { counts[$0] > 0 }.prefix(clusters)
        guard !rows.isEmpty else { return nil }
        var centroids = SphericalKMeans.rows(
            Array(rows), of: SphericalKMeans.centroids(points, assignments: carried, clusters: old.count))
        let active = SphericalKMeans.activeRows(points)
        while centroids.rows < min(clusters, active.count) {
            var farthest = active[0]
            var lowest = Float.infinity
            for i in active {
                var best = -Float.infinity
                for c in 0..<centroids.rows { best = max(best, SphericalKMeans.dot(points, row: i, centroids, row: c)) }
                if best < lowest {
                    lowest = best
                    farthest = i
                }
            }
            centroids = DenseMatrix(
                rows: centroids.rows + 1, columns: d, storage: centroids.storage + points.row(farthest))
        }
        return centroids
    }

    /// The same partition with clusters renumbered by size, largest first (ties: lower number first).
    static func largestFirst(_ partition: Partition) -> Partition {
        let sizes = partition.sizes
        let order = sizes.indices.sorted { (sizes[$0], -$0) > (sizes[$1], -$1) }
        var renumber = [Int32](repeating: -1, count: order.count)
        for (new, old) in order.enumerated() { renumber[old] = Int32(new) }
        return Partition(
            assignments: partition.assignments.map { $0 >= 0 ? renumber[Int($0)] : -1 },
            centroids: SphericalKMeans.rows(order, of: partition.centroids),
            similarities: partition.similarities)
    }
}
