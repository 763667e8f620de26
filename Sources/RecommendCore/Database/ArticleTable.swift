/// Where articles live in a database (SQLite or PostgreSQL): the table and the column of each article field.
///
/// The defaults match the table that `SQLiteArticleWriter` creates (and `recommend load-sqlite` fills):
/// `articles(id, title, body, published, category, labels, url)`. `id`, `title` and `body` must exist;
/// the other columns are read when the table has them. Values are read as text whatever their column type
/// (an integer id becomes its decimal digits); `published` is ISO 8601 text (in PostgreSQL also a `date` or
/// `timestamp` column), `labels` several labels separated by `|` or `;` as in CSV feeds (in PostgreSQL also a
/// text array).
public struct ArticleTable: Sendable, Equatable {
    /// The table name. Default `articles`. In PostgreSQL `SCHEMA.TABLE` names a table outside the search path.
    public var name = "articles"
    /// The article id column. Default `id`.
    public var id = "id"
    /// The headline column. Default `title`.
    public var title = "title"
    /// The article text column. Default `body`.
    public var body = "body"
    /// The publication date column (ISO 8601). Default `published`; optional.
    public var published = "published"
    /// The section column. Default `category`; optional.
    public var category = "category"
    /// The labels column (`|` or `;` separated). Default `labels`; optional.
    public var labels = "labels"
    /// The canonical address column. Default `url`; optional.
    public var url = "url"

    public init() {}

    /// The columns in field order, with whether the table must have them.
    var columns: [(name: String, required: Bool)] {
        [(id, true), (title, true), (body, true), (published, false), (category, false), (labels, false), (url, false)]
    }
}

extension ArticleTable {
    /// The names of the article fields, in `columns` order.
    static let fields = ["id", "title", "body", "published", "category", "labels", "url"]

    /// The article of one row's field values (in `columns` order; nil for NULL or a missing optional column),
    /// validated as a feed line is, with its issues at `location`.
    static func parse(_ fields: [String?], at location: FeedLocation) -> ParsedLine {
        let labels = (fields[5] ?? "").split(whereSeparator: { $0 == "|" || $0 == ";" }).map(String.init)
        let record = ArticleRecord(
            id: fields[0], title: fields[1], body: fields[2], published: fields[3], category: fields[4],
            labels: labels, url: fields[6])
        var issues: [FeedIssue] = []
        let article = record.validated(at: location, issues: &issues)
        return ParsedLine(location: location, article: article, issues: issues)
    }
}
