internal import Foundation
internal import Mustache
internal import RecommendCore

/// The "Related articles" block a reader sees, rendered from a mustache template: the built-in one, or a file
/// the site gives at start (`recommend serve --reader-template`). The template gets `items` (each with `title`,
/// `href` (the article's URL, else `#id`), `id`, `published` (ISO 8601) and `date` (its day)) and `article`
/// (the query article's `id` and `title`).
struct ReaderBlock: Sendable {
    private let template: MustacheTemplate

    /// The built-in block.
    init() {
        self.init(parsed: ConsoleTemplates.library.getTemplate(named: "readerBlock")!)
    }

    private init(parsed: MustacheTemplate) {
        template = parsed
    }

    /// The block of the template file at `path`.
    /// - Throws: `ServerConfigurationError.badReaderTemplate` when it cannot be read or parsed.
    init(path: String) throws(ServerConfigurationError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .badReaderTemplate(path: path, reason: (error as NSError).localizedDescription)
        }
        do {
            self.init(parsed: try MustacheTemplate(string: text))
        } catch {
            throw .badReaderTemplate(path: path, reason: "not a mustache template: \(error)")
        }
    }

    struct Item {
        var id: String
        var title: String
        var href: String
        var published: String?
        var date: String?
    }

    struct Model {
        var article: ArticleSummary?
        var items: [Item]
    }

    /// The block for `response`.
    func render(_ response: RelatedResponse) -> String {
        let items = response.related.map { entry in
            Item(
                id: entry.article.id, title: entry.article.title, href: entry.article.url ?? "#\(entry.article.id)",
                published: entry.article.published, date: entry.article.published.map(ConsolePath.day))
        }
        return template.render(Model(article: response.article, items: items))
    }
}
