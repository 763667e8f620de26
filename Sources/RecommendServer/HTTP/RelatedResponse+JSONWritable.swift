internal import RecommendCore

extension RelatedResponse: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.raw("{")
        if let alsoPublishedAs {
            json.raw("\"alsoPublishedAs\":")
            json.strings(alsoPublishedAs)
            json.raw(",")
        }
        if let article {
            json.raw("\"article\":")
            article.write(to: &json)
            json.raw(",")
        }
        json.raw("\"related\":")
        json.array(related)
        if let topic {
            json.raw(",\"topic\":")
            topic.write(to: &json)
        }
        json.raw("}")
    }
}
