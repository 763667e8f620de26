/// Reads CSV (RFC 4180: quoted fields may hold commas, quotes doubled, and line breaks) whose header row
/// names the article fields: `id`, `title`, `body`, and optionally `published`, `category`, `labels`
/// (several labels separated by `|` or `;`), `url`, `embedding` (a list of numbers, `[0.1, -0.2, ...]`). Other
/// columns are ignored.
///
/// A record that cannot be parsed never swallows the ones after it. A quoted field must close, and its closing
/// quote must be followed by a comma or the end of the line; a record must have the header's field count. A
/// record that breaks either rule is skipped (`malformed`, with the line it starts on and why) and reading
/// resumes at the next physical line, so an unbalanced quote costs one record, not every line up to the next
/// quote.
enum CSVParser {
    /// Every record of `bytes` as an article or an issue, in order; the line number is where the record starts.
    /// - Throws: `FeedError.missingColumn` when the header row has no `id` column.
    static func parse(_ bytes: [UInt8], file: String) throws -> [ParsedLine] {
        var records = CSVRecords(bytes: bytes)
        guard let header = records.next() else { return [] }
        let names = header.fields.map { String(decoding: $0, as: UTF8.self).trimmed.lowercased() }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard column("id") != nil else { throw FeedError.missingColumn(file: file, column: "id") }
        let columns = ArticleRecord.rowFields.map(column)
        var out: [ParsedLine] = []
        while let record = records.next() {
            let location = FeedLocation(file: file, line: record.line)
            if record.fields.count == 1, record.fields[0].isEmpty, record.problem == nil { continue }
            var issues: [FeedIssue] = []
            let problem =
                record.problem
                ?? (record.fields.count == names.count
                    ? nil : "expected \(names.count) fields as in the header, found \(record.fields.count)")
            if let problem {
                records.resume(afterFirstLineOf: record)
                issues.append(FeedIssue(location: location, reason: .malformed, detail: problem))
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
                issues.append(
                    FeedIssue(location: location, reason: .invalidUTF8, detail: "the record is not valid UTF-8"))
                out.append(ParsedLine(location: location, article: nil, issues: issues))
                continue
            }
            out.append(ArticleRecord.parseRow(columns.map { $0.map { text[$0] } }, at: location))
        }
        return out
    }
}

/// One record of a CSV buffer: its fields, where it starts, and why it cannot be parsed, if it cannot.
struct CSVRecord {
    /// The line the record starts on.
    var line: Int
    var fields: [[UInt8]]
    /// The quoting error that makes the record unusable, if any.
    var problem: String?
    /// The offset just past the end of the record's first physical line, where reading resumes when the record
    /// is refused.
    var firstLineEnd: Int
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

    /// Continues at the line after the first line of `record`, however far the record's quoting ran on.
    mutating func resume(afterFirstLineOf record: CSVRecord) {
        position = record.firstLineEnd
        line = record.line + 1
    }

    mutating func next() -> CSVRecord? {
        guard position < bytes.count else { return nil }
        let startLine = line
        let firstLineEnd = bytes[position...].firstIndex(of: 10).map { $0 + 1 } ?? bytes.count
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var quoted = false
        var closed = false
        var problem: String?
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
                        closed = true
                    }
                } else {
                    if c == 10 { line += 1 }
                    field.append(c)
                }
            } else if c == 34, field.isEmpty, !closed {
                quoted = true
            } else if c == 44 {
                fields.append(field)
                field = []
                closed = false
            } else if c == 10 {
                line += 1
                break
            } else if c != 13 {
                if closed, problem == nil {
                    problem =
                        "field \(fields.count + 1) has text after the closing quote "
                        + "(a quote inside a quoted field must be doubled)"
                }
                field.append(c)
            }
        }
        if quoted { problem = "field \(fields.count + 1) opens a quote that never closes" }
        fields.append(field)
        return CSVRecord(line: startLine, fields: fields, problem: problem, firstLineEnd: firstLineEnd)
    }
}
