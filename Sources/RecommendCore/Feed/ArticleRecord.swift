/// The fields of one feed line before validation, as JSON Lines and CSV both give them.
struct ArticleRecord: Decodable {
    var id: String?
    var title: String?
    var body: String?
    var published: String?
    var category: String?
    var labels: [String] = []
    var url: String?
    var embedding: [Float]?

    init(
        id: String?, title: String?, body: String?, published: String?, category: String?,
        labels: [String], url: String?, embedding: [Float]? = nil
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.published = published
        self.category = category
        self.labels = labels
        self.url = url
        self.embedding = embedding
    }

    private enum Key: String, CodingKey {
        case id, title, body, published, category, labels, url, embedding
    }

    /// Lenient where feeds differ harmlessly (a numeric id, a single label given as a string), strict where a
    /// value would otherwise be lost without a word: a field of the wrong type, or a string JSON cannot turn into
    /// text (an unpaired surrogate escape), makes the line fail with the field named.
    /// - Throws: `DecodingError` naming the field and what was found.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        func present(_ key: Key) throws -> Bool { try c.contains(key) && !c.decodeNil(forKey: key) }
        func text(_ key: Key) throws -> String? { try present(key) ? try c.decode(String.self, forKey: key) : nil }
        if try present(.id) {
            if let text = try? c.decode(String.self, forKey: .id) {
                id = text
            } else if let number = try? c.decode(Int64.self, forKey: .id) {
                id = String(number)
            } else {
                throw DecodingError.typeMismatch(
                    String.self,
                    .init(codingPath: [Key.id], debugDescription: "expected a string or a whole number"))
            }
        }
        title = try text(.title)
        body = try text(.body)
        published = try text(.published)
        category = try text(.category)
        url = try text(.url)
        if try present(.labels) {
            if let list = try? c.decode([String].self, forKey: .labels) {
                labels = list
            } else if let single = try? c.decode(String.self, forKey: .labels) {
                labels = [single]
            } else {
                throw DecodingError.typeMismatch(
                    [String].self,
                    .init(codingPath: [Key.labels], debugDescription: "expected a list of strings or a string"))
            }
        }
        if try present(.embedding) {
            guard let vector = try? c.decode([Float].self, forKey: .embedding), !vector.isEmpty,
                vector.allSatisfy(\.isFinite)
            else {
                throw DecodingError.typeMismatch(
                    [Float].self,
                    .init(codingPath: [Key.embedding], debugDescription: "expected a non-empty list of finite numbers"))
            }
            embedding = vector
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
        let section = cleanCategory?.isEmpty == false ? cleanCategory : nil
        let link = url?.trimmed
        return Article(
            id: id, title: title, body: body, published: date, category: section, labels: allLabels,
            url: link?.isEmpty == false ? link : nil, embedding: embedding)
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
