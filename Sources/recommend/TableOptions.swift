import ArgumentParser
import RecommendCore

/// The options naming a database's articles table and its columns (SQLite or PostgreSQL), shared by `reindex` and
/// `load-sqlite`.
struct TableOptions: ParsableArguments {
    @Option(help: "Database: the articles table (PostgreSQL: SCHEMA.TABLE also).")
    var table = "articles"

    @Option(help: "Database: the article id column.")
    var idColumn = "id"

    @Option(help: "Database: the headline column.")
    var titleColumn = "title"

    @Option(help: "Database: the article text column.")
    var bodyColumn = "body"

    @Option(help: "Database: the ISO 8601 publication date column (optional in the table).")
    var publishedColumn = "published"

    @Option(help: "Database: the section column (optional in the table).")
    var categoryColumn = "category"

    @Option(help: "Database: the labels column, '|' or ';' separated (optional in the table).")
    var labelsColumn = "labels"

    @Option(help: "Database: the URL column (optional in the table).")
    var urlColumn = "url"

    @Option(help: "Database: the article's own embedding column, a list of numbers (optional in the table).")
    var embeddingColumn = "embedding"

    /// The table these options describe.
    var articleTable: ArticleTable {
        var t = ArticleTable()
        t.name = table
        t.id = idColumn
        t.title = titleColumn
        t.body = bodyColumn
        t.published = publishedColumn
        t.category = categoryColumn
        t.labels = labelsColumn
        t.url = urlColumn
        t.embedding = embeddingColumn
        return t
    }
}
