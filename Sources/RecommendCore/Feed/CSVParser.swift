/// Reads CSV (RFC 4180: quoted fields may hold commas, quotes doubled, and line breaks) whose header row
/// names the article fields: `id`, `title`, `body`, and optionally `published`, `category`, `labels`
/// (several labels separated by `|` or `;`), `url`. Other columns are ignored.
enum CSVParser {
    /// Every record of `bytes` as an article or an issue, in order; the line number is where the record starts.
    /// - Throws: `FeedError.missingColumn` when the header row has no `id` column.
    static func parse(_ bytes: [UInt8], file: String) throws -> [ParsedLine] {
        var records = CSVRecords(bytes: bytes)
        guard let header = records.next() else { return [] }
        let names = header.fields.map { String(decoding: $0, as: UTF8.self).trimmed.lowercased() }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard let idColumn = column("id") else { throw FeedError.missingColumn(file: file, column: "id") }
        let columns = (
            title: column("title"), body: column("body"), published: column("published"),
            category: column("category"), labels: column("labels"), url: column("url")
        )
        var out: [ParsedLine] = []
        while let record = records.next() {
            let location = FeedLocation(file: file, line: record.line)
            if record.fields.count == 1, record.fields[0].isEmpty { continue }
            var issues: [FeedIssue] = []
            guard record.fields.count == names.count else {
                issues.append(
                    FeedIssue(
                        location: location, reason: .malformed,
                        detail: "expected \(names.count) fields as in the header, found \(record.fields.count)"))
                out.append(ParsedLine(location: location, article: nil, issues: issues))
                continue
            }
            var text: [String] = []
            var valid = true
            for field in record.fields {
                guard let s = String(validating: field, as: UTF8.self) else {
                    valid = false
                    break
                }
                text.append(s)
            }
            guard valid else {
                issues.append(FeedIssue(location: location, reason: .invalidUTF8, detail: "the record is not valid UTF-8"))
                out.append(ParsedLine(location: location, article: nil, issues: issues))
                continue
            }
            func value(_ index: Int?) -> String? { index.map { text[$0] } }
            let labels = (value(columns.labels) ?? "").split(whereSeparator: { $0 == "|" || $0 == ";" }).map(String.init)
            let raw = ArticleRecord(
                id: text[idColumn], title: value(columns.title), body: value(columns.body),
                published: value(columns.published), category: value(columns.category), labels: labels,
                url: value(columns.url))
            let article = raw.validated(at: location, issues: &issues)
            out.append(ParsedLine(location: location, article: article, issues: issues))
        }
        return out
    }
}

/// Iterates the records of a CSV buffer, each with the line it starts on.
struct CSVRecords {
    let bytes: [UInt8]
    var position = 0
    var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func next() -> (line: Int, fields: [[UInt8]])? {
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var quoted = false
        while position < bytes.count {
            let c = bytes[position]
            position += 1
            if quoted {
                if c == 34 {
                    if position < bytes.count, bytes[position] == 34 {
                        field.append(34)
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if c == 10 { line += 1 }
                    field.append(c)
                }
            } else if c == 34, field.isEmpty {
                quoted = true
            } else if c == 44 {
                fields.append(field)
                field = []
            } else if c == 10 {
                line += 1
                break
            } else if c != 13 {
                field.append(c)
            }
        }
        fields.append(field)
        return (startLine, fields)
    }
}
