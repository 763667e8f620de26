internal import RecommendCore

extension ArticleSummary: JSONWritable {
    func write(to json: inout JSONWriter) {
        var separator: StaticString = "{"
        func key(_ name: StaticString) {
            json.raw(separator)
            json.raw(name)
            separator = ","
        }
        if let category {
            key("\"category\":")
            json.string(category)
        }
        key("\"id\":")
        json.string(id)
        if let published {
            key("\"published\":")
            json.string(published)
        }
        key("\"title\":")
        json.string(title)
        if let url {
            key("\"url\":")
            json.string(url)
        }
        json.raw("}")
    }
}
