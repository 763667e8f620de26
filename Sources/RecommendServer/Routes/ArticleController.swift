internal import Foundation
internal import Hummingbird
internal import RecommendCore

/// The article routes under `/v1`:
///
/// - `GET articles/{id}/related?k=10&...`: the related list of an indexed article, with the query controls of
///   `RelatedQuery` as query parameters (`half_life`, `older_only`, `within_days`, `category`, `exclude`, `from`,
///   `to`, `mmr`, `explain`, `collapse`) and the editorial overrides applied.
/// - `POST related` with `{"title": ..., "body": ..., "k": 10}`: related articles for a text not in the index.
/// - `GET articles/{id}`: the article's summary.
///
/// Each request reads the served snapshot once and answers from it alone, naming its generation in the
/// `X-Index-Generation` header.
struct ArticleController<Context: RequestContext>: Sendable {
    let served: ServedIndex
    let defaultK: Int
    let maxK: Int
    let maxBodyBytes: Int
    let readerBlock: ReaderBlock

    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("articles/:id/related", use: relatedToArticle)
        routes.get("articles/:id/related.html", use: readersBlock)
        routes.get("articles/:id", use: article)
        routes.post("related", use: relatedToText)
        return routes
    }

    /// Answers with at most `k` entries of the stored list under the controls of the query parameters; when the
    /// index stores fewer than `k` per article the list is at most what is stored and `X-Related-Truncated` says so.
    @Sendable func relatedToArticle(_ request: Request, context: Context) async throws -> Response {
        let (response, headers) = try relatedList(request, context: context)
        return Response.json(writing: response, headers: headers)
    }

    /// The list a related-list request asks for, and the headers of its answer.
    private func relatedList(_ request: Request, context: Context) throws -> (RelatedResponse, HTTPFields) {
        let parameters = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        let asked = try RelatedListRequest(parameters: parameters, defaultK: defaultK, maxK: maxK)
        let id = try articleID(context)
        let snapshot = try served.require()
        guard let i = try snapshot.index.index(of: id) else { throw ServiceError.unknownArticle(id) }
        var headers = snapshot.cacheHeaders
        let (query, truncated) = asked.limited(toStored: snapshot.index.metadata.neighbours)
        if let truncated { headers[.relatedTruncated] = truncated }
        return (try snapshot.ranker.related(to: i, query), headers)
    }

    /// The list of `relatedToArticle` as the reader's "Related articles" block, an HTML fragment (`ReaderBlock`).
    @Sendable func readersBlock(_ request: Request, context: Context) async throws -> Response {
        let (response, headers) = try relatedList(request, context: context)
        return .html(readerBlock.render(response), headers: headers)
    }

    @Sendable func article(_ request: Request, context: Context) async throws -> Response {
        let id = try articleID(context)
        let snapshot = try served.require()
        guard let i = try snapshot.index.index(of: id) else { throw ServiceError.unknownArticle(id) }
        return Response.json(writing: snapshot.index.article(i), headers: snapshot.cacheHeaders)
    }

    @Sendable func relatedToText(_ request: Request, context: Context) async throws -> Response {
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw ServiceError.bodyTooLarge(limit: maxBodyBytes)
        }
        let query = try TextQuery.decode(Array(buffer: bytes))
        let k = try RelatedListRequest.k(query.k, defaultK: defaultK, maxK: maxK)
        let snapshot = try served.require()
        let related = try snapshot.searcher.related(
            title: query.title ?? "", body: query.body ?? "", k: k, embedding: query.embedding)
        return Response.json(
            writing: RelatedResponse(article: nil, related: related),
            headers: [.indexGeneration: String(snapshot.generation)])
    }

    /// The `{id}` path segment, percent-decoded.
    private func articleID(_ context: Context) throws -> String {
        try context.parameters.decoded("id", kind: "article id")
    }
}
