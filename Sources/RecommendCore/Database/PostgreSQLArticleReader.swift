/// Reads articles from a PostgreSQL table, with the same validation and report as feed files: a bad row is
/// skipped and reported with its position and id, never stopping the run.
///
/// The read is one read-only transaction at `REPEATABLE READ`: every row comes from one snapshot of the table,
/// whatever the CMS writes meanwhile. Rows are ordered by the id column (by its own type's order, which an index
/// on it serves), so the same data gives the same articles in the same order, and the same index byte for byte
/// (rows repeating an id are refused, or with `--duplicates last-wins` come in no set order); they arrive through a
/// server-side cursor `batchSize` rows at a time, so the client holds one batch of rows besides the articles.
///
/// Every value is read as text: an integer id becomes its digits; a `date` or `timestamp` `published` column
/// becomes ISO 8601 (a `timestamp` without zone is taken as UTC); a text array `labels` column is joined with `|`.
public struct PostgreSQLArticleReader: Sendable {
    public var address: PostgreSQLAddress
    /// The table and its columns; the address's `table=` names the table when it is given.
    public var table: ArticleTable
    /// What to do with repeated ids.
    public var duplicates: DuplicatePolicy
    /// Rows fetched from the cursor at a time. Default 1000.
    public var batchSize = 1000

    public init(address: PostgreSQLAddress, table: ArticleTable = ArticleTable(), duplicates: DuplicatePolicy = .fail) {
        self.address = address
        self.table = table
        if let name = address.table { self.table.name = name }
        self.duplicates = duplicates
    }

    /// The articles of the table in id order, and a report of the rows skipped and why.
    /// - Throws: `DatabaseError` (server unreachable, login refused, no such database, table or column, a
    ///   statement timeout, the connection lost) or `FeedError.duplicateID`.
    public func read() throws -> (articles: [Article], report: FeedReport) {
        let session = try PostgreSQLSession(address)
        try session.run("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        try session.run("SET LOCAL statement_timeout = \(Int((address.statementTimeout * 1000).rounded()))")
        try session.run("DECLARE recommend_articles NO SCROLL CURSOR FOR \(try selectStatement(session))")
        let file = "\(address)#\(table.name)"
        var collector = FeedCollector(duplicates: duplicates)
        var position = 0
        while true {
            let rows = PostgreSQLSession.texts(
                try session.run("FETCH FORWARD \(max(1, batchSize)) FROM recommend_articles"))
            if rows.isEmpty { break }
            for fields in rows {
                position += 1
                let location = FeedLocation(file: file, line: position, key: fields[0])
                try collector.accept(ArticleRecord.parseRow(fields, at: location))
            }
        }
        try session.run("COMMIT")
        return collector.finish()
    }

    /// The `SELECT` of the article fields, after checking that the table and its required columns exist.
    private func selectStatement(_ session: PostgreSQLSession) throws(DatabaseError) -> String {
        let source = address.description
        let qualified = PostgreSQLSession.qualifiedIdentifier(table.name)
        let columns = PostgreSQLSession.texts(
            try session.run(
                """
                SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                WHERE a.attrelid = to_regclass(\(PostgreSQLSession.literal(qualified))) AND a.attnum > 0
                    AND NOT a.attisdropped
                ORDER BY a.attnum
                """)
        ).map { ($0[0] ?? "", $0[1] ?? "") }
        guard !columns.isEmpty else {
            let tables = PostgreSQLSession.texts(
                try session.run(
                    """
                    SELECT table_schema || '.' || table_name FROM information_schema.tables
                    WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1 LIMIT 50
                    """)
            ).map { $0[0] ?? "" }
            throw .missingTable(path: source, table: table.name, found: tables)
        }
        let types = Dictionary(columns, uniquingKeysWith: { first, _ in first })
        var expressions: [String] = []
        var key = ""
        for (column, required) in table.columns {
            // Unquoted names are folded to lower case by PostgreSQL: accept the column in any case.
            guard
                let name = types[column] != nil
                    ? column : types.keys.first(where: { $0.lowercased() == column.lowercased() })
            else {
                if required {
                    throw .missingColumn(path: source, table: table.name, column: column, found: columns.map(\.0))
                }
                expressions.append("NULL::text")
                continue
            }
            let quoted = "t." + PostgreSQLSession.identifier(name)
            if key.isEmpty { key = quoted }
            let type = types[name] ?? "text"
            if column == table.published && type == "timestamp with time zone" {
                expressions.append("to_char(\(quoted) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
            } else if column == table.published && (type.hasPrefix("timestamp") || type == "date") {
                expressions.append("to_char(\(quoted), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
            } else if column == table.labels && type.hasSuffix("[]") {
                expressions.append("array_to_string(\(quoted), '|')")
            } else {
                expressions.append("\(quoted)::text")
            }
        }
        // The id column in its own order (named through the table: the output column of that name is text), so
        // that an index on it serves the order without a sort.
        return "SELECT \(expressions.joined(separator: ", ")) FROM \(qualified) AS t ORDER BY \(key)"
    }
}
