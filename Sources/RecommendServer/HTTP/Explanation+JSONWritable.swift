internal import RecommendCore

extension Explanation: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.raw("{")
        if let meaning {
            json.raw("\"meaning\":")
            meaning.write(to: &json)
            json.raw(",")
        }
        json.raw("\"similarity\":")
        json.number(similarity)
        json.raw(",\"terms\":")
        json.array(terms)
        if let topic {
            json.raw(",\"topic\":")
            topic.write(to: &json)
        }
        json.raw("}")
    }
}

extension Explanation.Term: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.raw("{\"contribution\":")
        json.number(contribution)
        json.raw(",\"share\":")
        json.number(share)
        json.raw(",\"term\":")
        json.string(term)
        json.raw("}")
    }
}
