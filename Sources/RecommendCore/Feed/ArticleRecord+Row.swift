/// A row of text values, as CSV records and database rows give them: one definition of how such a row becomes an
/// article or an issue.
extension ArticleRecord {
    /// The article fields of a row, in this order.
    static let rowFields = ["id", "title", "body", "published", "category", "labels", "url", "embedding"]

    /// The article of one row's field values (in `rowFields` order; nil for NULL or a missing optional column;
    /// `vector`, when given, the embedding already decoded from a binary value), validated as a feed line is,
    /// with its issues at `location`. Labels are separated by `|` or `;`. A text embedding that is not a list of
    /// finite numbers skips the row; an empty one is none.
    static func parseRow(_ fields: [String?], vector: [Float]? = nil, at location: FeedLocation) -> ParsedLine {
        let labels = (fields[5] ?? "").split(whereSeparator: { $0 == "|" || $0 == ";" }).map(String.init)
        var embedding = vector
        if embedding == nil, let text = fields[7], !text.trimmed.isEmpty {
            guard let parsed = Self.vector(text) else {
                let issue = FeedIssue(
                    location: location, reason: .malformed,
                    detail: "column embedding: expected a non-empty list of finite numbers ('[0.12, -0.5, ...]'), "
                        + "got '\(text.prefix(40))\(text.count > 40 ? "..." : "")'")
                return ParsedLine(location: location, article: nil, issues: [issue])
            }
            embedding = parsed
        }
        let record = ArticleRecord(
            id: fields[0], title: fields[1], body: fields[2], published: fields[3], category: fields[4],
            labels: labels, url: fields[6], embedding: embedding)
        var issues: [FeedIssue] = []
        let article = record.validated(at: location, issues: &issues)
        return ParsedLine(location: location, article: article, issues: issues)
    }

    /// The numbers of a text list: `[0.1, -2e-3]` (JSON, pgvector) or `{0.1,-0.002}` (a PostgreSQL array); nil
    /// unless every element is a finite number and there is at least one.
    static func vector(_ text: String) -> [Float]? {
        var body = Substring(text.trimmed)
        guard let open = body.first, let close = body.last, body.count >= 2,
            (open == "[" && close == "]") || (open == "{" && close == "}")
        else { return nil }
        body = body.dropFirst().dropLast()
        var values: [Float] = []
        for element in body.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Float(String(element).trimmed), value.isFinite else { return nil }
            values.append(value)
        }
        return values.isEmpty ? nil : values
    }

    /// The little-endian float32 values of a binary embedding; nil unless its length is a non-zero multiple of 4
    /// and every value is finite.
    static func vector(_ bytes: [UInt8]) -> [Float]? {
        guard !bytes.isEmpty, bytes.count % 4 == 0 else { return nil }
        let values = stride(from: 0, to: bytes.count, by: 4).map { i in
            Float(
                bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16
                    | UInt32(bytes[i + 3]) << 24)
        }
        return values.allSatisfy(\.isFinite) ? values : nil
    }
}

extension Article {
    /// The numbers of a vector written as a text list (`[0.1, -2e-3]` or `{0.1,-0.002}`), as feeds and database
    /// columns give an article's own embedding; nil unless it holds one or more finite numbers and nothing else.
    public static func embedding(parsing text: String) -> [Float]? { ArticleRecord.vector(text) }
}
