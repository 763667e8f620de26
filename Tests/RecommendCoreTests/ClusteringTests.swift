import Foundation
import Testing

@testable import RecommendCore
import TestSupport

/// Unit vectors around `groups` orthogonal directions (plus noise), `perGroup` each, group `g` at rows
/// `g * perGroup ..< (g + 1) * perGroup`.
func blobs(groups: Int, perGroup: Int, dimensions: Int = 16, noise: Float = 0.3, seed: UInt64 = 3) -> DenseMatrix {
    var random = SeededRandom(seed: seed)
    var storage: [Float] = []
    for g in 0..<groups {
        for _ in 0..<perGroup {
            for j in 0..<dimensions { storage.append((j == g ? 1 : 0) + noise * random.nextGaussian() / 4) }
        }
    }
    var matrix = DenseMatrix(rows: groups * perGroup, columns: dimensions, storage: storage)
    matrix.normalizeRows()
    return matrix
}

/// The share of points whose cluster is the majority cluster of their true group.
func purity(_ assignments: [Int32], groups: Int, perGroup: Int) -> Double {
    var agree = 0
    for g in 0..<groups {
        let slice = assignments[(g * perGroup)..<((g + 1) * perGroup)]
        let counts = Dictionary(grouping: slice, by: { $0 }).mapValues(\.count)
        agree += counts.values.max() ?? 0
    }
    return Double(agree) / Double(groups * perGroup)
}

@Suite struct SphericalKMeansTests {
    @Test("recovers well-separated groups, every cluster non-empty, centroids of unit length")
    func recoversGroups() {
        let points = blobs(groups: 5, perGroup: 60)
        let partition = SphericalKMeans(clusters: 5, seed: 11).fit(points)
        #expect(partition.clusterCount == 5)
        #expect(Set(partition.assignments).count == 5)
        #expect(purity(partition.assignments, groups: 5, perGroup: 60) == 1)
        for c in 0..<5 {
            let norm = partition.centroids.row(c).reduce(0) { $0 + $1 * $1 }
            #expect(abs(norm - 1) < 1e-4)
        }
    }

    @Test("the same seed gives the same partition")
    func deterministic() {
        let points = blobs(groups: 6, perGroup: 40, noise: 1.5)
        let a = SphericalKMeans(clusters: 6, seed: 5).fit(points)
        let b = SphericalKMeans(clusters: 6, seed: 5).fit(points)
        #expect(a == b)
    }

    @Test("the best of several restarts is at least as good as one run")
    func restartsHelp() {
        let points = blobs(groups: 8, perGroup: 30, noise: 2)
        let one = SphericalKMeans(clusters: 8, restarts: 1, seed: 2).fit(points)
        let many = SphericalKMeans(clusters: 8, restarts: 10, seed: 2).fit(points)
        #expect(many.objective >= one.objective - 1e-3)
    }

    @Test("fewer points than clusters: at most one cluster per point")
    func fewerPointsThanClusters() {
        let points = blobs(groups: 3, perGroup: 1)
        let partition = SphericalKMeans(clusters: 10).fit(points)
        #expect(partition.clusterCount <= 3)
        #expect(partition.assignments.allSatisfy { $0 >= 0 })
    }

    @Test("identical points make one cluster")
    func identicalPoints() {
        let row: [Float] = [0.6, 0.8, 0]
        let points = DenseMatrix(rows: 20, columns: 3, storage: Array((0..<20).map { _ in row }.joined()))
        let partition = SphericalKMeans(clusters: 4).fit(points)
        #expect(partition.clusterCount == 1)
        #expect(partition.assignments.allSatisfy { $0 == 0 })
    }

    @Test("zero rows stay unassigned")
    func zeroRows() {
        var storage = blobs(groups: 2, perGroup: 10).storage
        storage.replaceSubrange(0..<16, with: [Float](repeating: 0, count: 16))
        let points = DenseMatrix(rows: 20, columns: 16, storage: storage)
        let partition = SphericalKMeans(clusters: 2).fit(points)
        #expect(partition.assignments[0] == -1)
        #expect(partition.similarities[0] == 0)
        #expect(partition.assignments.dropFirst().allSatisfy { $0 >= 0 })
    }

    @Test("no points at all")
    func empty() {
        let partition = SphericalKMeans(clusters: 3).fit(DenseMatrix(zeros: 0, 4))
        #expect(partition.assignments.isEmpty)
        #expect(partition.clusterCount == 0)
    }
}

@Suite struct TopicSpaceTests {
    @Test("centring removes the common direction: two groups around a shared one end up opposite")
    func removesCommonDirection() {
        // Two groups: (1, ±0.2) plus noise, i.e. a strong shared first coordinate.
        var random = SeededRandom(seed: 7)
        var storage: [Float] = []
        for g in 0..<2 {
            for _ in 0..<20 {
                storage += [1, g == 0 ? 0.2 : -0.2, 0.02 * random.nextGaussian()]
            }
        }
        let points = TopicSpace.centred(DenseMatrix(rows: 40, columns: 3, storage: storage))
        for i in 0..<40 {
            #expect(abs(points.row(i).reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
        }
        #expect(SphericalKMeans.dot(points, row: 0, points, row: 39) < -0.9)
        #expect(SphericalKMeans.dot(points, row: 0, points, row: 1) > 0.9)
    }

    @Test("zero rows stay zero and take no part in the mean")
    func zeroRows() {
        let rows = DenseMatrix(rows: 3, columns: 2, storage: [0, 0, 1, 0, 0, 1])
        let points = TopicSpace.centred(rows)
        #expect(points.row(0) == [0, 0])
        #expect(SphericalKMeans.dot(points, row: 1, points, row: 2) < -0.999)
    }

    @Test("rows all alike, or a single row, are only normalised", arguments: [1, 4])
    func nothingToCentre(count: Int) {
        let rows = DenseMatrix(
            rows: count, columns: 2, storage: Array([[Float]](repeating: [3, 4], count: count).joined()))
        let points = TopicSpace.centred(rows)
        for i in 0..<count {
            #expect(abs(points.row(i).first! - 0.6) < 1e-6 && abs(points.row(i).last! - 0.8) < 1e-6)
        }
    }
}

@Suite struct TopicCountRuleTests {
    @Test("auto finds the number of separated groups", arguments: [3, 5, 8])
    func findsGroups(groups: Int) throws {
        let points = TopicSpace.centred(blobs(groups: groups, perGroup: 50, dimensions: 24, noise: 0.8))
        let spectrum = try TopicCountRule.spectrum(points)
        #expect(TopicCountRule.choose(spectrum: spectrum, range: 2...20)?.count == groups)
    }

    @Test("a spectrum too short for the range gives no choice")
    func tooShort() {
        #expect(TopicCountRule.choose(spectrum: [1], range: 2...40) == nil)
    }
}

@Suite struct TopicMatcherTests {
    /// Articles "a0" ... with the given old topic ids.
    func previous(_ topics: [Int], ids: [Int]) -> PreviousTopics {
        var map: [ArticleID: Int] = [:]
        for (i, t) in topics.enumerated() { map[ArticleID("a\(i)")] = t }
        let table = TopicTable(
            topics: ids.map { Topic(id: $0, labelTerms: [], size: 0, centralArticles: []) }, nextID: ids.max()! + 1,
            count: TopicCount(rule: .fixed, requested: ids.count))
        return PreviousTopics(topicOfArticle: map, table: table)
    }

    @Test("a topic that continues keeps its id; an unmatched cluster is born; an unmatched topic dies")
    func keepBornDied() {
        // old: 10 articles in t1, 10 in t2, 10 in t3; new: clusters 0 = old t2, 1 = old t1, 2 = new articles only.
        let old = previous(
            Array(repeating: 1, count: 10) + Array(repeating: 2, count: 10) + Array(repeating: 3, count: 10),
            ids: [1, 2, 3])
        let ids = (0..<40).map { "a\($0)" }
        let clusters: [Int32] =
            Array(repeating: 1, count: 10) + Array(repeating: 0, count: 10) + Array(repeating: -1, count: 10)
            + Array(repeating: 2, count: 10)
        let result = TopicMatcher(minimumJaccard: 0.3).match(
            clusters: clusters, clusterCount: 3, articleIDs: ids, previous: old)
        #expect(result.ids == [2, 1, 4])
        #expect(result.nextID == 5)
        #expect(result.changes.kept == [1, 2])
        #expect(result.changes.born == [4])
        #expect(result.changes.died == [3])
        #expect(result.changes.sharedArticles == 20)
        #expect(result.changes.stability == 1)
    }

    @Test("splits and merges are named")
    func splitAndMerge() {
        // t1 (20 articles) splits into clusters 0 and 1; t2 and t3 (10 each) merge into cluster 2.
        let old = previous(
            Array(repeating: 1, count: 20) + Array(repeating: 2, count: 10) + Array(repeating: 3, count: 10),
            ids: [1, 2, 3])
        let ids = (0..<40).map { "a\($0)" }
        let clusters: [Int32] =
            Array(repeating: 0, count: 12) + Array(repeating: 1, count: 8) + Array(repeating: 2, count: 20)
        let result = TopicMatcher(minimumJaccard: 0.3).match(
            clusters: clusters, clusterCount: 3, articleIDs: ids, previous: old)
        #expect(result.ids[0] == 1)
        #expect(result.changes.splits == [TopicChanges.Split(from: 1, into: [1, result.ids[1]])])
        #expect(result.changes.merges.count == 1)
        #expect(result.changes.merges.first?.from == [2, 3])
        #expect(result.changes.merges.first?.into == result.ids[2])
    }
}

@Suite struct TopicBuilderTests {
    func build(
        _ articles: [Article], topics: Int? = nil, previous: PreviousTopics? = nil, minimumDocumentFrequency: Int = 2
    ) throws -> (contents: IndexContents, report: BuildReport) {
        var configuration = RecommendConfiguration()
        configuration.topics.count = topics
        configuration.weighting.minDocumentFrequency = minimumDocumentFrequency
        return try IndexBuilder(configuration: configuration).build(articles: articles, previous: previous)
    }

    @Test("topics of a synthetic corpus follow its topics, labelled by their own words")
    func syntheticTopics() throws {
        let articles = syntheticArticles(count: 400, topics: 4)
        let topics = try #require(try build(articles, topics: 4).contents.topics)
        #expect(topics.table.topics.count == 4)
        #expect(topics.table.topics.map(\.id).sorted() == [1, 2, 3, 4])
        #expect(topics.table.topics.map(\.size) == topics.table.topics.map(\.size).sorted(by: >))
        for topic in topics.table.topics {
            let members = articles.indices.filter { Int(topics.articleTopics[$0]) == topic.id }
            let labels = Set(members.map { articles[$0].labels[0] })
            #expect(labels.count == 1)
            let prefix = "t" + labels.first!.dropFirst("topic".count) + "x"
            #expect(topic.labelTerms.count == 8)
            #expect(topic.labelTerms.allSatisfy { $0.hasPrefix(prefix) })
            #expect(topic.centralArticles.count == 5)
            #expect(topic.centralArticles.allSatisfy { Int(topics.articleTopics[$0]) == topic.id })
        }
        #expect(topics.centroids.rowCount == 4)
    }

    @Test("auto chooses the synthetic corpus's number of topics")
    func autoCount() throws {
        let report = try build(syntheticArticles(count: 600, topics: 6)).report
        #expect(report.topics?.count.rule == .auto)
        #expect(report.topics?.topics == 6)
    }

    @Test("labels of real articles are readable: no stop words, surface forms, three letters or more")
    func readableLabels() throws {
        let topics = try #require(try build(try sampleArticles()).contents.topics)
        for topic in topics.table.topics {
            #expect(!topic.labelTerms.isEmpty)
            for term in topic.labelTerms {
                #expect(!StopWords.english.contains(term))
                #expect(term.count >= 3)
            }
        }
    }

    @Test("articles without usable terms get no topic; identical articles share one")
    func oddArticles() throws {
        var articles = syntheticArticles(count: 60, topics: 2)
        articles.append(Article(id: "empty", title: "the and of", body: "it is what it is"))
        articles.append(Article(id: "dup1", title: articles[0].title, body: articles[0].body))
        articles.append(Article(id: "dup2", title: articles[0].title, body: articles[0].body))
        let topics = try #require(try build(articles, topics: 2).contents.topics)
        let n = articles.count
        #expect(topics.articleTopics[n - 3] == -1)
        #expect(topics.articleTopics[n - 2] == topics.articleTopics[0])
        #expect(topics.articleTopics[n - 1] == topics.articleTopics[0])
    }

    @Test("more topics asked for than the articles allow are clamped; a single article keeps its terms and a topic")
    func tinyCorpora() throws {
        let three = [
            Article(id: "x", title: "Tram line opens", body: "The new tram line opens in Krakow"),
            Article(id: "y", title: "Measles outbreak", body: "Measles cases rise in Malmo schools"),
            Article(id: "z", title: "Chip exports", body: "Limits on chip exports to China"),
        ]
        let topics = try #require(try build(three, topics: 10, minimumDocumentFrequency: 1).contents.topics)
        #expect(topics.table.count.requested == 1 && topics.table.count.asked == 10)
        #expect(topics.table.topics.count == 1)
        #expect(topics.articleTopics.allSatisfy { $0 > 0 })
        for auto in [nil, 4] {
            let built = try build(Array(three.prefix(1)), topics: auto, minimumDocumentFrequency: 1)
            let one = try #require(built.contents.topics)
            #expect(built.report.terms > 0 && !built.report.adjustments.isEmpty)
            #expect(one.table.topics.count == 1)
            #expect(one.articleTopics == [1])
        }
    }

    @Test("a rebuild with 5% of articles removed and 5% added keeps at least 90% of topic ids")
    func stability() throws {
        for (corpus, count) in [(syntheticArticles(count: 1_000, topics: 10), 10), (try sampleArticles(), nil)] {
            let first = try build(corpus, topics: count).contents
            let previous = try #require(first.topics).previousTopics(articleIDs: corpus.map(\.id))
            let changed = corpus.count / 20
            let added = syntheticArticles(count: changed, topics: 10, seed: 99).enumerated().map { i, article in
                Article(id: "new\(i)", title: article.title, body: article.body)
            }
            let second = Array(corpus.dropFirst(changed)) + added
            let rebuilt = try build(second, topics: count, previous: previous)
            let changes = try #require(rebuilt.report.topics?.changes)
            #expect(changes.sharedArticles >= corpus.count - changed - 2)
            #expect(changes.stability >= 0.9, "\(changes.summary)")
        }
    }

    @Test("ids of topics that died are not reused")
    func idsNotReused() throws {
        let articles = syntheticArticles(count: 300, topics: 3)
        let first = try #require(try build(articles, topics: 3).contents.topics)
        let previous = first.previousTopics(articleIDs: articles.map(\.id))
        let rebuilt = try build(articles, topics: 4, previous: previous)
        let second = try #require(rebuilt.contents.topics)
        #expect(Set(second.table.topics.map(\.id)).isSuperset(of: [1, 2, 3]))
        #expect(second.table.topics.map(\.id).max() == 4)
        #expect(second.table.nextID == 5)
        #expect(rebuilt.report.topics?.changes?.born == [4])
    }
}

extension TopicClusters {
    /// The previous-topics view of these topics, as `RecommendIndex.previousTopics()` gives it.
    func previousTopics(articleIDs: [String]) -> PreviousTopics {
        var map: [ArticleID: Int] = [:]
        for (i, id) in articleIDs.enumerated() where articleTopics[i] >= 0 {
            map[ArticleID(id)] = Int(articleTopics[i])
        }
        return PreviousTopics(topicOfArticle: map, table: table)
    }
}
