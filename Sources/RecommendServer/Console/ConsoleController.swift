internal import Foundation
internal import Hummingbird
internal import HummingbirdAuth
internal import RecommendCore

/// The editors' console: HTML pages over the same snapshot the API answers from.
///
/// - `GET /?q=`: find an article by id or by words of its headline.
/// - `GET /articles/{id}?k=&half_life=&...`: the article, its related list as served under the controls (the
///   query parameters of `GET /v1/articles/{id}/related`), the why-terms, pins, editorial rules and the reader's block.
/// - `POST /articles/{id}/overrides`: pin, block, unpin or unblock (editors only; see `edit`).
/// - `GET /draft`, `POST /draft`: the list an unpublished text would get.
/// - `GET /topics?days=`, `GET /topics/{id}`, `GET /topic-map?days=`: the topics of the newest articles, one
///   topic's articles, and the topics drawn as a map.
struct ConsoleController<Context: AuthRequestContext>: Sendable where Context.Identity == Editor {
    let served: ServedIndex
    let store: OverridesStore
    /// nil: editing is off.
    let editors: EditorCredentials?
    let defaultK: Int
    let maxK: Int
    let maxBodyBytes: Int
    let readerBlock: ReaderBlock

    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/", use: search)
        routes.get("articles/:id", use: article)
        routes.post("articles/:id/overrides", use: edit)
        routes.get("draft", use: draft)
        routes.post("draft", use: draft)
        routes.get("topics", use: topics)
        routes.get("topics/:id", use: topic)
        routes.get("topic-map", use: topicMap)
        return routes
    }

    /// At most this many search results are listed.
    static var searchLimit: Int { 50 }

    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let snapshot = try served.require()
        let index = snapshot.index
        // A form sends spaces as `+`.
        let text =
            request.uri.queryParameters["q"].map { $0.replacingOccurrences(of: "+", with: " ") }?
            .trimmingCharacters(in: .whitespaces) ?? ""
        var page = SearchPage(title: "Search", generation: String(snapshot.generation), query: text)
        if !text.isEmpty {
            if let i = try index.index(of: text) {
                return Response(
                    status: .seeOther,
                    headers: [.location: "/articles/\(ConsolePath.segment(index.id(i)))"])
            }
            let words = text.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
            var found: [ArticleSummary] = []
            var count = 0
            for i in 0..<index.count {
                let title = index.title(i).lowercased()
                guard words.allSatisfy({ title.contains($0) }) else { continue }
                count += 1
                if found.count < Self.searchLimit { found.append(index.article(i)) }
            }
            page.searched = true
            page.resultCount = count
            page.more = count > found.count
            page.shown = found.count
            page.results = found.map {
                SearchPage.Result(
                    id: $0.id, pathID: ConsolePath.segment($0.id), title: $0.title,
                    published: $0.published.map(ConsolePath.day), category: $0.category)
            }
        }
        return .html(ConsoleTemplates.render(page, template: "search"))
    }

    @Sendable func article(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.decoded("id", kind: "article id")
        let snapshot = try served.require()
        guard let i = try snapshot.index.index(of: id) else {
            return .consoleMessage(
                "No such article", "There is no article '\(id)' in the index.", status: .notFound,
                link: .init(href: "/?q=\(ConsolePath.queryValue(id))", label: "Search for it"))
        }
        let parameters = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        let controls = parameters.filter { !$0.value.isEmpty && RelatedQuery.parameterNames.contains($0.name) }
        let asked: RelatedListRequest
        do {
            asked = try RelatedListRequest(parameters: controls, defaultK: defaultK, maxK: maxK)
        } catch {
            return .consoleMessage(
                "Controls not understood", "\(error)", status: .badRequest,
                link: .init(href: "/articles/\(ConsolePath.segment(id))", label: "Show the list with the default controls"))
        }
        var (query, _) = asked.limited(toStored: snapshot.index.metadata.neighbours)
        query.explain = true
        let response = try snapshot.ranker.related(to: i, query)
        let (rules, version) = try overridesState()
        let csrf = CSRFToken(cookieOf: request) ?? CSRFToken()
        var notice: Notice?
        if let saved = request.uri.queryParameters["saved"], !saved.isEmpty {
            notice = Notice(kind: "Saved", text: String(saved))
        }
        let summary = response.article ?? snapshot.index.article(i)
        let pathID = ConsolePath.segment(summary.id)
        let page = ArticlePage(
            title: summary.title, notice: notice, generation: String(snapshot.generation),
            overridesVersion: version,
            article: .init(
                id: summary.id, pathID: pathID, title: summary.title, published: summary.published,
                category: summary.category, url: summary.url),
            topic: response.topic.map { .init(id: $0.id, label: $0.labelTerms.joined(separator: ", "), size: $0.size) },
            hasNearDuplicates: !(response.alsoPublishedAs ?? []).isEmpty,
            nearDuplicates: (response.alsoPublishedAs ?? []).map { .init(id: $0, pathID: ConsolePath.segment($0)) },
            maxK: maxK, controls: .init(k: asked.k, query: asked.query),
            entries: response.related.map { RelatedEntryView($0) }, editable: editors != nil,
            editing: editors != nil, csrf: csrf.value,
            returnQuery: controls.map { "\($0.name)=\(ConsolePath.queryValue($0.value))" }.joined(separator: "&"),
            queryPathID: pathID,
            rules: ArticlePage.Rule.concerning(summary.id, in: rules, index: snapshot.index),
            hasRules: !ArticlePage.Rule.concerning(summary.id, in: rules, index: snapshot.index).isEmpty,
            readerBlock: readerBlock.render(response))
        var headers: HTTPFields = [.indexGeneration: String(snapshot.generation)]
        if CSRFToken(cookieOf: request) == nil { headers[.setCookie] = csrf.cookie }
        return .html(ConsoleTemplates.render(page, template: "article"), headers: headers)
    }

    /// The rules and version of the overrides file now; a damaged file reads as no rules (the page says nothing
    /// can be saved until it is fixed, as a save would answer).
    private func overridesState() throws -> (rules: [RelatedOverrides.Rule], version: String) {
        do {
            return try store.read()
        } catch {
            return ([], "unusable")
        }
    }

    @Sendable func draft(_ request: Request, context: Context) async throws -> Response {
        let snapshot = try served.require()
        var page = DraftPage(title: "Draft preview", generation: String(snapshot.generation), maxK: maxK, k: defaultK)
        if request.method == .post {
            let form = try await ConsoleForm.read(request, limit: maxBodyBytes)
            page.draftTitle = form["title"] ?? ""
            page.draftBody = form["body"] ?? ""
            do {
                page.k = try RelatedListRequest.k(form["k"].flatMap { $0.isEmpty ? nil : $0 }, defaultK: defaultK, maxK: maxK)
                let related = try snapshot.searcher.related(
                    title: page.draftTitle, body: page.draftBody, k: page.k, embedding: nil)
                page.entries = related.map { RelatedEntryView($0) }
                page.previewed = true
            } catch {
                page.notice = Notice(kind: "Not previewed", text: "\(error)")
            }
        }
        return .html(ConsoleTemplates.render(page, template: "draft"))
    }

    @Sendable func topics(_ request: Request, context: Context) async throws -> Response {
        let snapshot = try served.require()
        let window = try TopicWindow(snapshot.index, days: try Self.days(request))
        let page = TopicsPage(window, generation: String(snapshot.generation), index: snapshot.index)
        return .html(ConsoleTemplates.render(page, template: "topics"))
    }

    @Sendable func topic(_ request: Request, context: Context) async throws -> Response {
        let name = try context.parameters.decoded("id", kind: "topic id")
        let snapshot = try served.require()
        let index = snapshot.index
        let response = index.response(for: try index.topic(named: name), limit: 200)
        return .html(ConsoleTemplates.render(TopicPage(response, generation: String(snapshot.generation)), template: "topic"))
    }

    @Sendable func topicMap(_ request: Request, context: Context) async throws -> Response {
        let snapshot = try served.require()
        let window = try TopicWindow(snapshot.index, days: try Self.days(request))
        let shown = window.topics.filter { $0.windowSize > 0 }
        let cosines = snapshot.ranker.topicCentroidCosines(shown.map(\.topic), sample: 12) ?? []
        let map = try TopicMap(topics: shown.map(\.topic), cosines: cosines)
        var page = TopicsPage(window, generation: String(snapshot.generation), index: snapshot.index)
        page.title = "Topic map"
        page.svg = TopicMapDrawing(map: map, sizes: Dictionary(uniqueKeysWithValues: shown.map { ($0.topic.id, $0.windowSize) }))
            .svg
        return .html(ConsoleTemplates.render(page, template: "topicMap"))
    }

    /// `days` of a topics request: 7 when absent, else a positive number of days, at most 100,000 (about 270
    /// years: a window as wide as any archive, its seconds far inside `Int64`).
    private static func days(_ request: Request) throws(ServiceError) -> Double {
        guard let text = request.uri.queryParameters["days"].map(String.init), !text.isEmpty else { return 7 }
        guard let days = Double(text), days > 0, days <= 100_000 else {
            throw .invalidParameter(name: "days", value: text, expected: "a positive number of days, at most 100000")
        }
        return days
    }
}

/// The model of the `search` template.
struct SearchPage {
    struct Result {
        var id: String
        var pathID: String
        var title: String
        var published: String?
        var category: String?
    }

    var title: String
    var generation: String
    var query: String
    var searched = false
    var resultCount = 0
    var more = false
    var shown = 0
    var results: [Result] = []
}

/// The model of the `draft` template.
struct DraftPage {
    var title: String
    var notice: Notice?
    var generation: String
    var maxK: Int
    var k: Int
    var draftTitle = ""
    var draftBody = ""
    var previewed = false
    var entries: [RelatedEntryView] = []

    init(title: String, generation: String, maxK: Int, k: Int) {
        self.title = title
        self.generation = generation
        self.maxK = maxK
        self.k = k
    }
}
