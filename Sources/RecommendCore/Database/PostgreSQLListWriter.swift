internal import PostgresNIO

/// Writes related lists into a PostgreSQL table, so that a CMS can join them without calling the service:
/// `(article_id text, rank integer, related_id text, score real, generation bigint, PRIMARY KEY (article_id,
/// rank))`, created when missing. The table's rows are replaced in one transaction: a reader sees the previous
/// lists or the new ones, never a mix, and a failure leaves the previous ones.
public struct PostgreSQLListWriter: Sendable {
    public var address: PostgreSQLAddress
    /// The table; the address's `table=` names it, else `related_articles`. `SCHEMA.TABLE` for another schema.
    public var table: String
    /// Rows sent per statement. Default 10,000.
    public var batchSize = 10_000

    public init(address: PostgreSQLAddress) {
        self.address = address
        table = address.table ?? "related_articles"
    }

    /// Replaces the table's rows by `lines` (rank 1 the best), each row marked with `generation`.
    /// - Returns: the rows written.
    /// - Throws: `DatabaseError`.
    @discardableResult
    public func write(_ lines: [RelatedExport.Line], generation: UInt64) throws(DatabaseError) -> Int {
        let session = try PostgreSQLSession(address)
        let name = PostgreSQLSession.qualifiedIdentifier(table)
        try session.run("BEGIN")
        try session.run("SET LOCAL statement_timeout = \(Int((address.statementTimeout * 1000).rounded()))")
        try session.run(
            """
            CREATE TABLE IF NOT EXISTS \(name) (article_id text NOT NULL, rank integer NOT NULL,
                related_id text NOT NULL, score real NOT NULL, generation bigint NOT NULL,
                PRIMARY KEY (article_id, rank))
            """)
        try session.run("DELETE FROM \(name)")
        var articles: [String] = []
        var ranks: [Int32] = []
        var related: [String] = []
        var scores: [Float] = []
        func flush() throws(DatabaseError) {
            guard !articles.isEmpty else { return }
            var binds = PostgresBindings(capacity: 4)
            binds.append(articles)
            binds.append(ranks)
            binds.append(related)
            binds.append(scores)
            try session.run(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO \(name) (article_id, rank, related_id, score, generation)
                        SELECT a, r, b, s, \(generation) FROM unnest($1::text[], $2::integer[], $3::text[], $4::real[])
                            AS u(a, r, b, s)
                        """, binds: binds))
            articles.removeAll(keepingCapacity: true)
            ranks.removeAll(keepingCapacity: true)
            related.removeAll(keepingCapacity: true)
            scores.removeAll(keepingCapacity: true)
        }
        var rows = 0
        for line in lines {
            for (rank, entry) in line.related.enumerated() {
                articles.append(line.id)
                ranks.append(Int32(rank + 1))
                related.append(entry.id)
                scores.append(entry.score)
                rows += 1
                if articles.count >= max(1, batchSize) { try flush() }
            }
        }
        try flush()
        try session.run("COMMIT")
        return rows
    }
}
