/// How much the related lists changed between two generations of an index: what editors notice.
public struct RelatedChurn: Sendable, Codable, Equatable {
    /// One article whose list changed much.
    public struct Example: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        /// Share of the entries of the longer of its two top lists that both hold.
        public var overlap: Double
        /// Ids that left its top list.
        public var dropped: [String]
        /// Ids that entered it.
        public var added: [String]
    }

    /// The length of the top lists compared. Default 10.
    public var depth: Int
    /// Articles present in both generations (the ones compared).
    public var articlesCompared: Int
    /// Articles only in the new generation.
    public var articlesAdded: Int
    /// Articles only in the previous generation.
    public var articlesRemoved: Int
    /// Mean over the articles compared of the overlap of their two top lists (1: nothing changed).
    public var meanOverlap: Double
    /// Articles whose top list changed by more than half (overlap below 0.5).
    public var changedMoreThanHalf: Int
    /// `changedMoreThanHalf` as a share of `articlesCompared`.
    public var shareChangedMoreThanHalf: Double
    /// The articles with the lowest overlap, worst first (only articles whose list changed).
    public var worst: [Example]

    /// The top `depth` related ids and the title of each article, by id.
    public struct Lists: Sendable {
        var entries: [(id: String, title: String, top: [String])]

        /// The lists of an opened index.
        /// - Throws: `IndexFileError.malformed` if a list points outside the index.
        public init(_ index: RecommendIndex, depth: Int = 10) throws {
            entries = try (0..<index.count).map { i in
                let article = index.article(i)
                return (article.id, article.title, try index.related(to: i, limit: depth).map(\.article.id))
            }
        }

        /// The lists of index contents in memory.
        public init(_ contents: IndexContents, depth: Int = 10) {
            let articles = contents.articles
            entries = articles.indices.map { i in
                (
                    articles[i].id, articles[i].title,
                    contents.related.list(of: i, limit: depth).map { articles[$0.index].id }
                )
            }
        }
    }

    /// Compares the lists of `previous` and `next` over the articles both hold.
    /// - Complexity: O(articles × depth).
    public init(previous: Lists, next: Lists, depth: Int = 10, examples: Int = 5) {
        var before: [ArticleID: [ArticleID]] = [:]
        for entry in previous.entries { before[ArticleID(entry.id)] = entry.top.prefix(depth).map { ArticleID($0) } }
        var compared: [(overlap: Double, example: Example)] = []
        var added = 0
        for entry in next.entries {
            guard let old = before.removeValue(forKey: ArticleID(entry.id)) else {
                added += 1
                continue
            }
            let new = entry.top.prefix(depth).map { ArticleID($0) }
            let oldSet = Set(old)
            let newSet = Set(new)
            let longer = max(old.count, new.count)
            let overlap = longer == 0 ? 1 : Double(oldSet.intersection(newSet).count) / Double(longer)
            compared.append(
                (
                    overlap,
                    Example(
                        id: entry.id, title: entry.title, overlap: overlap,
                        dropped: old.filter { !newSet.contains($0) }.map(\.text),
                        added: new.filter { !oldSet.contains($0) }.map(\.text))
                ))
        }
        self.depth = depth
        articlesCompared = compared.count
        articlesAdded = added
        articlesRemoved = before.count
        meanOverlap = compared.isEmpty ? 1 : compared.reduce(0) { $0 + $1.overlap } / Double(compared.count)
        changedMoreThanHalf = compared.filter { $0.overlap < 0.5 }.count
        shareChangedMoreThanHalf = compared.isEmpty ? 0 : Double(changedMoreThanHalf) / Double(compared.count)
        worst = compared.enumerated().filter { $0.element.overlap < 1 }.sorted { a, b in
            a.element.overlap < b.element.overlap || (a.element.overlap == b.element.overlap && a.offset < b.offset)
        }.prefix(examples).map(\.element.example)
    }
}
