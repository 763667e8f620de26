internal import Foundation
internal import RecommendCore

/// The model of the `article` template: an article, its related list as served under the page's controls, its
/// editorial rules and the forms that change them.
struct ArticlePage {
    struct ArticleView {
        var id: String
        var pathID: String
        var title: String
        var published: String?
        var category: String?
        var url: String?
    }

    struct TopicLink {
        var id: String
        var label: String
        var size: Int
    }

    struct IDLink {
        var id: String
        var pathID: String
    }

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    /// The controls' form fields, filled with the values in force.
    struct Controls {
        var k: Int
        var halfLife: String
        var withinDays: String
        var mmr: String
        var olderOnly: Bool
        var fallbackToTopic: Bool
        var categories: [Option]

        init(k: Int, query: RelatedQuery) {
            self.k = k
            halfLife = query.halfLifeDays.map(Self.number) ?? ""
            withinDays = query.withinDays.map(Self.number) ?? ""
            mmr = query.diversityLambda.map(Self.number) ?? ""
            olderOnly = query.olderOnly
            fallbackToTopic = query.fallbackToTopic
            let labels: [RelatedQuery.CategoryFilter: String] = [
                .any: "Any", .same: "Same as this article", .other: "Other than this article",
            ]
            categories = RelatedQuery.CategoryFilter.allCases.map {
                Option(value: $0.rawValue, label: labels[$0] ?? $0.rawValue, selected: $0 == query.category)
            }
        }

        private static func number(_ x: Double) -> String {
            x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        }
    }

    /// One pin or block of this article's list (or everywhere), with the form that removes it.
    struct Rule {
        var text: String
        var article: String
        var removeAction: String
        var everywhere: Bool
    }

    var title: String
    var notice: Notice?
    var generation: String
    var overridesVersion: String
    var article: ArticleView
    var topic: TopicLink?
    var hasNearDuplicates: Bool
    var nearDuplicates: [IDLink]
    var maxK: Int
    var controls: Controls
    var entries: [RelatedEntryView]
    /// Whether the entries carry editing buttons (the service has editors).
    var editable: Bool
    var editing: Bool
    var csrf: String
    /// The controls in force as a query string, so that an edit returns to the same list.
    var returnQuery: String
    var queryPathID: String
    var rules: [Rule]
    var hasRules: Bool
    var readerBlock: String
}

/// A line at the top of a page: what was saved, or what went wrong.
struct Notice {
    var kind: String
    var text: String
}

extension ArticlePage.Rule {
    /// The rules of `rules` that concern the list of `id`: its pins and blocks, and the blocks everywhere.
    static func concerning(_ id: String, in rules: [RelatedOverrides.Rule], index: RecommendIndex) -> [Self] {
        func name(_ article: String) -> String {
            guard let i = try? index.index(of: article) else { return "\(article) (not in the index)" }
            return "\(article) “\(index.article(i).title)”"
        }
        return rules.compactMap { rule in
            switch rule {
            case .pin(let article, id, let position):
                Self(text: "Pinned at \(position): \(name(article))", article: article, removeAction: "unpin", everywhere: false)
            case .block(let article, id?):
                Self(text: "Blocked here: \(name(article))", article: article, removeAction: "unblock", everywhere: false)
            case .block(let article, nil):
                Self(text: "Blocked everywhere: \(name(article))", article: article, removeAction: "unblock", everywhere: true)
            default: nil
            }
        }
    }
}
