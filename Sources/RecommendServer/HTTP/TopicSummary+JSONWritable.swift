internal import RecommendCore

extension TopicSummary: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.raw("{\"centralArticles\":")
        json.array(centralArticles)
        json.raw(",\"id\":")
        json.string(id)
        json.raw(",\"labelTerms\":")
        json.strings(labelTerms)
        json.raw(",\"size\":")
        json.number(size)
        json.raw("}")
    }
}
