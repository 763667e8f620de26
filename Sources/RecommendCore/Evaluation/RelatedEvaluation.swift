/// Every article's related list as a reader would get it under one set of controls: what `recommend eval`
/// scores, so the effect of a control on quality is measured through the same code that serves it.
public enum RelatedEvaluation {
    /// The list of every article of the ranker's index under `query`, in index order, computed in parallel.
    /// - Throws: what `RelatedRanker.related(to:_:)` throws, for the first article that fails.
    /// - Complexity: articles × the cost of one query.
    public static func lists(_ ranker: RelatedRanker, query: RelatedQuery) throws -> [RelatedExport.Line] {
        let count = ranker.index.count
        let results = ParallelMap.chunked(count: count, chunkSize: max(64, count / (ParallelMap.workers * 8))) { range in
            range.map { i in
                Result { () throws -> RelatedExport.Line in
                    let response = try ranker.related(to: i, query)
                    return RelatedExport.Line(
                        id: ranker.index.id(i),
                        related: response.related.map { RelatedExport.Line.Entry(id: $0.article.id, score: $0.score) })
                }
            }
        }
        return try results.map { try $0.get() }
    }
}
