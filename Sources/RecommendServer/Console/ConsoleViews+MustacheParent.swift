internal import Mustache

// The console's most rendered models name their fields to the templates directly: mustache otherwise finds a
// field by reflection (`Mirror`) at every lookup, which took most of an article page's time.

extension RelatedEntryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rank": rank
        case "score": score
        case "id": id
        case "pathID": pathID
        case "title": title
        case "published": published
        case "category": category
        case "alsoPublishedAs": alsoPublishedAs
        case "why": why
        case "pinned": pinned
        case "fallback": fallback
        default: nil
        }
    }
}

extension ArticlePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "notice": notice
        case "generation": generation
        case "overridesVersion": overridesVersion
        case "article": article
        case "topic": topic
        case "hasNearDuplicates": hasNearDuplicates
        case "nearDuplicates": nearDuplicates
        case "maxK": maxK
        case "controls": controls
        case "entries": entries
        case "editable": editable
        case "editing": editing
        case "csrf": csrf
        case "returnQuery": returnQuery
        case "queryPathID": queryPathID
        case "rules": rules
        case "hasRules": hasRules
        case "readerBlock": readerBlock
        default: nil
        }
    }
}

extension ArticlePage.ArticleView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "pathID": pathID
        case "title": title
        case "published": published
        case "category": category
        case "url": url
        default: nil
        }
    }
}

extension ArticlePage.Controls: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "k": k
        case "halfLife": halfLife
        case "withinDays": withinDays
        case "mmr": mmr
        case "olderOnly": olderOnly
        case "fallbackToTopic": fallbackToTopic
        case "categories": categories
        default: nil
        }
    }
}

extension ArticlePage.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension ReaderBlock.Item: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "href": href
        case "published": published
        case "date": date
        default: nil
        }
    }
}

extension TopicPage.Member: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "pathID": pathID
        case "title": title
        case "published": published
        case "centrality": centrality
        default: nil
        }
    }
}

extension SearchPage.Result: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "pathID": pathID
        case "title": title
        case "published": published
        case "category": category
        default: nil
        }
    }
}
