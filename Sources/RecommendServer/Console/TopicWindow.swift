internal import Foundation
internal import RecommendCore

/// The topics of the newest articles: those published in the `days` before the newest article of the index
/// (the index's "today", so an archive reads as it did on its last day), each with how many of its articles fall
/// in the window and the newest of them.
struct TopicWindow {
    struct Entry {
        var topic: Topic
        var windowSize: Int
        var newest: ArticleSummary?
    }

    var days: Double
    /// The first and last publication times in the window (ISO 8601), nil for an index without dates.
    var from: String?
    var to: String?
    var articleCount: Int
    /// Topics with articles in the window first, most articles first.
    var topics: [Entry]

    /// - Throws: `QueryError.noTopics` for an index without topics.
    /// - Complexity: O(articles).
    init(_ index: RecommendIndex, days: Double) throws {
        let topics = try index.topics()
        self.days = days
        var latest: String?
        for i in 0..<index.count {
            if let published = index.article(i).published, published > (latest ?? "") { latest = published }
        }
        let start = latest.flatMap { RelatedQuery.dateBound($0, endOfDay: false) }.map {
            $0 - Int64((days * 86_400).rounded())
        }
        var size: [Int: Int] = [:]
        var newest: [Int: ArticleSummary] = [:]
        var count = 0
        var earliest: String?
        for i in 0..<index.count {
            let article = index.article(i)
            guard let published = article.published,
                let seconds = RelatedQuery.dateBound(published, endOfDay: false), let start, seconds >= start,
                let topic = index.topic(ofArticle: i)
            else { continue }
            count += 1
            if published < (earliest ?? "~") { earliest = published }
            size[topic.id, default: 0] += 1
            if (newest[topic.id]?.published ?? "") < published { newest[topic.id] = article }
        }
        from = earliest
        to = latest
        articleCount = count
        self.topics = topics.map { Entry(topic: $0, windowSize: size[$0.id] ?? 0, newest: newest[$0.id]) }
            .sorted { ($0.windowSize, -$0.topic.id) > ($1.windowSize, -$1.topic.id) }
    }
}

/// The model of the `topics` and `topicMap` templates.
struct TopicsPage {
    struct Row {
        var id: String
        var label: String
        var size: Int
        var windowSize: Int
        var newest: Link?
        var central: Link?
    }

    struct Link {
        var pathID: String
        var title: String
        var published: String?
    }

    var title = "Today's topics"
    var generation: String
    var days: String
    var windowCount: Int
    var from: String
    var to: String
    var topicCount: Int
    var topics: [Row]
    var svg = ""

    init(_ window: TopicWindow, generation: String, index: RecommendIndex) {
        self.generation = generation
        days = window.days == window.days.rounded() ? String(Int(window.days)) : String(window.days)
        windowCount = window.articleCount
        from = window.from.map(ConsolePath.day) ?? "-"
        to = window.to.map(ConsolePath.day) ?? "-"
        let shown = window.topics.filter { $0.windowSize > 0 }
        topicCount = shown.count
        topics = shown.map { entry in
            Row(
                id: entry.topic.name, label: entry.topic.labelTerms.joined(separator: ", "), size: entry.topic.size,
                windowSize: entry.windowSize,
                newest: entry.newest.map {
                    Link(pathID: ConsolePath.segment($0.id), title: $0.title, published: $0.published.map(ConsolePath.day))
                },
                central: entry.topic.centralArticles.first.map { index.article($0) }.map {
                    Link(pathID: ConsolePath.segment($0.id), title: $0.title, published: $0.published.map(ConsolePath.day))
                })
        }
    }
}

/// The model of the `topic` template.
struct TopicPage {
    struct Member {
        var id: String
        var pathID: String
        var title: String
        var published: String?
        var centrality: String
    }

    var title: String
    var generation: String
    var id: String
    var label: String
    var size: Int
    var articles: [Member]

    init(_ response: TopicResponse, generation: String) {
        self.generation = generation
        id = response.topic.id
        label = response.topic.labelTerms.joined(separator: ", ")
        title = "Topic \(id)"
        size = response.topic.size
        articles = response.articles.map {
            Member(
                id: $0.article.id, pathID: ConsolePath.segment($0.article.id), title: $0.article.title,
                published: $0.article.published.map(ConsolePath.day), centrality: String(format: "%.2f", $0.centrality))
        }
    }
}
