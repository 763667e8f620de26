/// The fields of one feed line before validation, as JSON Lines and CSV both give them.
struct ArticleRecord: Decodable {
    var id: String?
    var title: String?
    var body: String?
    var published: String?
    var category: String?
    var labels: [String] = []
    var url: String?

    init(
        id: String?, title: String?, body: String?, published: String?, category: String?,
        labels: [String], url: String?
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.published = published
        self.category = category
        self.labels = labels
        self.url = url
    }

    private enum Key: String, CodingKey {
        case id, title, body, published, category, labels, url
    }

    /// Lenient where feeds differ harmlessly: a numeric id, a single label given as a string.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let text = try? c.decodeIfPresent(String.self, forKey: .id) {
            id = text
        } else if let number = try? c.decodeIfPresent(Int64.self, forKey: .id) {
            id = String(number)
        }
        title = try? c.decodeIfPresent(String.self, forKey: .title)
        body = try? c.decodeIfPresent(String.self, forKey: .body)
        published = try? c.decodeIfPresent(String.self, forKey: .published)
        category = try? c.decodeIfPresent(String.self, forKey: .category)
        url = try? c.decodeIfPresent(String.self, forKey: .url)
        if let list = try? c.decodeIfPresent([String].self, forKey: .labels) {
            labels = list
        } else if let single = try? c.decodeIfPresent(String.self, forKey: .labels) {
            labels = [single]
        }
    }

    /// The article this record describes, or the reason it cannot be indexed.
    /// A bad date keeps the article (without a date) and adds a warning to `issues`.
    func validated(at location: FeedLocation, issues: inout [FeedIssue]) -> Article? {
        let id = (id ?? "").trimmed
        guard !id.isEmpty else {
            issues.append(FeedIssue(location: location, reason: .missingID, detail: "no 'id' field (or it is empty)"))
            return nil
        }
        let title = (title ?? "").trimmed
        let body = (body ?? "").trimmed
        guard !title.isEmpty || !body.isEmpty else {
            issues.append(
                FeedIssue(location: location, reason: .emptyText, detail: "article '\(id)' has an empty title and body"))
            return nil
        }
        var date: Int64?
        if let published = published?.trimmed, !published.isEmpty {
            date = ISO8601Date.parse(published)
            if date == nil {
                issues.append(
                    FeedIssue(
                        location: location, reason: .badDate,
                        detail: "article '\(id)': published '\(published)' is not an ISO 8601 date; kept without a date"))
            }
        }
        let cleanLabels = labels.map(\.trimmed).filter { !$0.isEmpty }
        let cleanCategory = category?.trimmed
        var allLabels = cleanLabels
        if let cleanCategory, !cleanCategory.isEmpty, !allLabels.contains(cleanCategory) {
            allLabels.append(cleanCategory)
        }
        let section = (cleanCategory?.isEmpty == false ? cleanCategory : nil) ?? cleanLabels.first
        let link = url?.trimmed
        return Article(
            id: id, title: title, body: body, published: date, category: section, labels: allLabels,
            url: link?.isEmpty == false ? link : nil)
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode-aware).
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
