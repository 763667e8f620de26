/// Where articles live in a database (SQLite or PostgreSQL): the table and the column of each article field.
///
/// The defaults match the table that `SQLiteArticleWriter` creates (and `recommend load-sqlite` fills):
/// `articles(id, title, body, published, category, labels, url)`. `id`, `title` and `body` must exist;
/// the other columns are read when the table has them. Values are read as text whatever their column type
/// (an integer id becomes its decimal digits); `published` is ISO 8601 text (in PostgreSQL also a `date` or
/// `timestamp` column), `labels` several labels separated by `|` or `;` as in CSV feeds (in PostgreSQL also a
/// text array). `embedding` is the article's own vector (as the `embedding` field of JSON Lines feeds): a text
/// list of numbers (`[0.1, -0.2, ...]`, which is also how a PostgreSQL `real[]` or pgvector `vector` column reads)
/// or, in SQLite, a BLOB of little-endian float32 values.
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
    /// The article's own embedding column. Default `embedding`; optional.
    public var embedding = "embedding"

    public init() {}

    /// The columns in the order of `ArticleRecord.rowFields`, with whether the table must have them.
    var columns: [(name: String, required: Bool)] {
        [
            (id, true), (title, true), (body, true), (published, false), (category, false), (labels, false),
            (url, false), (embedding, false),
        ]
    }
}
