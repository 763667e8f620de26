internal import RecommendCore

extension RelatedArticle: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.raw("{")
        if let alsoPublishedAs {
            json.raw("\"alsoPublishedAs\":")
            json.strings(alsoPublishedAs)
            json.raw(",")
        }
        json.raw("\"article\":")
        article.write(to: &json)
        if let explanation {
            json.raw(",\"explanation\":")
            explanation.write(to: &json)
        }
        if let fallback {
            json.raw(",\"fallback\":")
            json.bool(fallback)
        }
        if let pinned {
            json.raw(",\"pinned\":")
            json.bool(pinned)
        }
        json.raw(",\"rank\":")
        json.number(rank)
        json.raw(",\"score\":")
        json.number(score)
        json.raw("}")
    }
}
