internal import RecommendCore

extension RelatedResponse: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.raw("{")
        if let article {
            json.raw("\"article\":")
            article.write(to: &json)
            json.raw(",")
        }
        json.raw("\"related\":[")
        for (n, entry) in related.enumerated() {
            if n > 0 { json.raw(",") }
            json.raw("{\"article\":")
            entry.article.write(to: &json)
            json.raw(",\"rank\":")
            json.number(entry.rank)
            json.raw(",\"score\":")
            json.number(entry.score)
            json.raw("}")
        }
        json.raw("]}")
    }
}
