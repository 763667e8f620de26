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

    var endpoints: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("articles/:id/related", use: relatedToArticle)
        routes.get("articles/:id", use: article)
        routes.post("related", use: relatedToText)
        return routes
    }

    /// Answers with at most `k` entries of the stored list under the controls of the query parameters; when the
    /// index stores fewer than `k` per article the list is at most what is stored and `X-Related-Truncated` says so.
    @Sendable func relatedToArticle(_ request: Request, context: Context) async throws -> Response {
        let parameters = request.uri.queryParameters
        let k = try validatedK(parameters["k"].map(String.init))
        var query = try RelatedQuery(
            parameters: parameters.filter { $0.key != "k" }.map { (name: String($0.key), value: String($0.value)) })
        let id = try articleID(context)
        let snapshot = try served.require()
        guard let i = try snapshot.index.index(of: id) else { throw ServiceError.unknownArticle(id) }
        var headers = generationHeader(snapshot)
        let stored = snapshot.index.metadata.neighbours
        if k > stored {
            headers[.relatedTruncated] = "asked for \(k), the index stores \(stored) per article"
        }
        query.limit = min(k, stored)
        return Response.json(writing: try snapshot.ranker.related(to: i, query), headers: headers)
    }

    @Sendable func article(_ request: Request, context: Context) async throws -> Response {
        let id = try articleID(context)
        let snapshot = try served.require()
        guard let i = try snapshot.index.index(of: id) else { throw ServiceError.unknownArticle(id) }
        return Response.json(writing: snapshot.index.article(i), headers: generationHeader(snapshot))
    }

    @Sendable func relatedToText(_ request: Request, context: Context) async throws -> Response {
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw ServiceError.bodyTooLarge(limit: maxBodyBytes)
        }
        let query = try TextQuery.decode(Array(buffer: bytes))
        let k = try validatedK(query.k)
        let snapshot = try served.require()
        let related = try snapshot.searcher.related(
            title: query.title ?? "", body: query.body ?? "", k: k, embedding: query.embedding)
        return Response.json(
            writing: RelatedResponse(article: nil, related: related), headers: generationHeader(snapshot))
    }

    /// The `{id}` path segment, percent-decoded.
    private func articleID(_ context: Context) throws -> String {
        try context.parameters.decoded("id", kind: "article id")
    }

    /// `k` from a request: `defaultK` when absent, else an integer in `1...maxK`.
    private func validatedK(_ text: String?) throws(ServiceError) -> Int {
        guard let text else { return defaultK }
        guard let k = Int(text), (1...maxK).contains(k) else { throw .invalidK(text, maxK: maxK) }
        return k
    }

    private func generationHeader(_ snapshot: IndexSnapshot) -> HTTPFields {
        [.indexGeneration: String(snapshot.generation)]
    }
}
