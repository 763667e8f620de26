/// Where articles live in a SQLite database: the table and the column of each article field.
///
/// The defaults match the table that `SQLiteArticleWriter` creates (and `recommend load-sqlite` fills):
/// `articles(id, title, body, published, category, labels, url)`. `id`, `title` and `body` must exist;
/// the other columns are read when the table has them. Values are read as text whatever their SQLite type
/// (an integer id becomes its decimal digits); `published` is ISO 8601 text, `labels` several labels separated
/// by `|` or `;` (as in CSV feeds).
public struct SQLiteArticleTable: Sendable, Equatable {
    /// The table name. Default `articles`.
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
