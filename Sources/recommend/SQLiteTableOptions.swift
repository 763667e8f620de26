import ArgumentParser
import RecommendCore

/// The options naming a SQLite database's articles table and its columns, shared by `reindex` and `load-sqlite`.
struct SQLiteTableOptions: ParsableArguments {
    @Option(help: "SQLite: the articles table.")
    var table = "articles"

    @Option(help: "SQLite: the article id column.")
    var idColumn = "id"

    @Option(help: "SQLite: the headline column.")
    var titleColumn = "title"

    @Option(help: "SQLite: the article text column.")
    var bodyColumn = "body"

    @Option(help: "SQLite: the ISO 8601 publication date column (optional in the table).")
    var publishedColumn = "published"

    @Option(help: "SQLite: the section column (optional in the table).")
    var categoryColumn = "category"

    @Option(help: "SQLite: the labels column, '|' or ';' separated (optional in the table).")
    var labelsColumn = "labels"

    @Option(help: "SQLite: the URL column (optional in the table).")
    var urlColumn = "url"

    /// The table these options describe.
    var articleTable: SQLiteArticleTable {
        var t = SQLiteArticleTable()
        t.name = table
        t.id = idColumn
        t.title = titleColumn
        t.body = bodyColumn
        t.published = publishedColumn
        t.category = categoryColumn
        t.labels = labelsColumn
        t.url = urlColumn
        return t
    }
}
