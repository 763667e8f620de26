import RecommendCore

/// Everything a reader can ask an opened index, each answer written out as text, so that two indexes can be
/// compared read by read.
public enum IndexReads {
    /// One read: its name and its answer, nil when the index refused it (`IndexFileError`). Other errors (a
    /// query the stored list cannot answer) are answers like any other.
    public typealias Read = (name: String, value: Answer?)

    /// An answer, compared as its type compares (and, failing that, by its description, so that two NaN scores
    /// read from the same bytes agree).
    public struct Answer: Equatable, CustomStringConvertible, @unchecked Sendable {
        let value: any Equatable

        init(_ value: any Equatable) { self.value = value }

        public static func == (a: Answer, b: Answer) -> Bool {
            a.value.isEqual(b.value) || a.description == b.description
        }

        public var description: String { "\(value)" }
    }

    struct Row: Equatable {
        var summary: ArticleSummary
        var group: Int
        var topic: Topic?
        var id: String
    }

    struct Topics: Equatable {
        var topics: [Topic]
        var responses: [TopicResponse]
    }

    struct Previous: Equatable {
        var topicOfArticle: [ArticleID: Int]
        var table: TopicTable
    }

    struct Metadata: Equatable {
        var metadata: IndexMetadata
        var count: Int
    }

    struct Failure: Equatable {
        var text: String
    }

    /// Ids that the small index does not hold, looked up as well as its own.
    static let absentIDs = ["", "a", "a0", "a32", "a99", "zz", "\u{0}"]

    /// Every read of `index` in a fixed order: lookups by id and what follows from them (summary, group, topic,
    /// stored list, ranked list), the article table by position, topics, the model (ranked lists with
    /// explanations and diversity, a text query), and `verify()`. With `checking: .onUse` a row is read only
    /// after the call that checks it, as the CLI does.
    public static func all(_ index: RecommendIndex, ids: [String]) -> [Read] {
        var reads: [Read] = []
        func read(_ name: @autoclosure () -> String, _ body: () throws -> any Equatable) {
            do {
                reads.append((name(), Answer(try body())))
            } catch is IndexFileError {
                reads.append((name(), nil))
            } catch {
                reads.append((name(), Answer(Failure(text: "\(error)"))))
            }
        }
        read("metadata") { Metadata(metadata: index.metadata, count: index.count) }
        let width = index.metadata.neighbours
        var plain = RelatedQuery()
        plain.limit = max(1, min(plain.limit, width))
        let ranker = RelatedRanker(index: index, model: nil)
        var found: [Int] = []
        for id in ids + absentIDs {
            var position: Int?
            read("index(of: \(id))") {
                position = try index.index(of: id)
                return position
            }
            guard let i = position else { continue }
            found.append(i)
            read("article \(id)") {
                Row(summary: index.article(i), group: index.duplicateGroup(of: i), topic: index.topic(ofArticle: i), id: id)
            }
            read("related \(id)") { try index.related(to: i, limit: width) }
            if found.count <= 4 { read("ranked \(id)") { try ranker.related(to: i, plain) } }
        }
        var tableChecked = false
        read("checkArticles") {
            try index.checkArticles(0..<index.count)
            tableChecked = true
            return true
        }
        if tableChecked {
            for i in 0..<index.count {
                read("row \(i)") {
                    Row(
                        summary: index.article(i), group: index.duplicateGroup(of: i), topic: index.topic(ofArticle: i),
                        id: index.id(i))
                }
            }
            read("topics") {
                let topics = try index.topics()
                return Topics(topics: topics, responses: topics.map { index.response(for: $0) })
            }
            read("previousTopics") { index.previousTopics().map { Previous(topicOfArticle: $0.topicOfArticle, table: $0.table) } }
        }
        var model: RecommendIndex.Model?
        read("loadModel") {
            model = try index.loadModel()
            return true
        }
        if let model {
            let full = RelatedRanker(index: index, model: model)
            var rich = plain
            rich.explain = true
            rich.diversityLambda = 0.5
            rich.halfLifeDays = 30
            rich.withinDays = 3650
            for i in found.prefix(4) {
                read("ranked with vectors \(i)") { try full.related(to: i, rich) }
            }
            for exact in [false, true] {
                read("text query exact \(exact)") {
                    let searcher = try TextSearcher(index: index, model: model, exact: exact)
                    return try searcher.related(title: "Storm warning", body: "rain flood forecast bank rates", k: 5)
                }
            }
        }
        read("verify") {
            try index.verify()
            return true
        }
        return reads
    }
}

extension Equatable {
    /// Whether `other` is of this type and equal to `self`.
    func isEqual(_ other: any Equatable) -> Bool { (other as? Self) == self }
}
