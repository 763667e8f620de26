/// The representation stage of an incremental build: the previous index's vectors and lists extended with a
/// few new articles, without recomputing what the new articles do not change. The stages every build shares
/// (near-duplicate groups, topics, metadata) then run on the result as they do after a full representation
/// stage (`IndexBuilder`), so an incremental index holds everything a full one does.
///
/// The previous index's vocabulary and idf (`TFIDFModel`), its latent space (`SemanticSpace`) and its embedding
/// space's mean (`EmbeddingSpace`) are reused as they are: a new article gets TF-IDF vectors from the old model, a
/// latent vector folded in from its exact lexical scores against the old articles (`TermProjection`) and an
/// embedding centred on the old mean. Each new article's list is computed exactly
/// against every article, old and new. Scores are symmetric, so an old article's list changes only where a new
/// article beats its worst stored entry (or fills an empty slot); every other old list is kept byte for byte.
///
/// What it does not do (a full rebuild does): re-weigh terms for the grown corpus, learn new words (a term the
/// old vocabulary lacks is ignored) or recompute the latent space. Articles removed from the source, and articles
/// changed under the same id, are not handled: `plan` reports them and the build is full.
struct IncrementalUpdate {
    /// What an incremental run would do.
    struct Plan: Sendable, Equatable {
        /// Articles of the source that the previous index lacks, in source order.
        var added: [Article]
        /// Ids of the previous index that the source no longer has.
        var removed: [String]
        /// Ids whose article in the source is not the one the previous index holds, in source order.
        var changed: [String] = []

        /// Why an incremental build is not possible (the build is then full), nil when it is.
        func refusal(previous: IndexContents) -> String? {
            if !removed.isEmpty {
                return "\(removed.count) article(s) of the previous index are no longer in the source "
                    + "(e.g. '\(removed[0])'); incremental runs only add articles"
            }
            if !changed.isEmpty {
                return "\(changed.count) article(s) of the previous index changed in the source "
                    + "(e.g. '\(changed[0])'); incremental runs only add articles"
            }
            let limit = Int((Double(previous.articles.count) * IncrementalUpdate.maximumAddedShare).rounded(.down))
            if added.count > limit {
                return "\(added.count) new articles exceed \(Int(IncrementalUpdate.maximumAddedShare * 100))% "
                    + "of the previous index (\(limit)); the old vocabulary and latent space would drift"
            }
            if previous.semantic == nil {
                return "the previous index stores no latent vectors (semantic weight 0), which topics are found in"
            }
            return nil
        }
    }

    /// The largest share of new articles an incremental run accepts: 10% of the previous index.
    static let maximumAddedShare = 0.10

    /// Compares the source's articles with the previous index.
    /// - Complexity: O(articles + previous count) expected, plus vectorising every article the index holds.
    static func plan(previous: IndexContents, articles: [Article]) -> Plan {
        let position = Dictionary(
            previous.articles.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = [Bool](repeating: false, count: previous.articles.count)
        var added: [Article] = []
        var kept: [(source: Article, stored: Int)] = []
        for article in articles {
            if let i = position[article.key] {
                seen[i] = true
                kept.append((article, i))
            } else {
                added.append(article)
            }
        }
        let removed = previous.articles.indices.filter { !seen[$0] }.map { previous.articles[$0].id }
        let changed = ParallelMap.chunked(count: kept.count, chunkSize: 256) { range in
            range.compactMap { k in differs(kept[k].source, from: previous, at: kept[k].stored) ? kept[k].source.id : nil }
        }
        return Plan(added: added, removed: removed, changed: changed)
    }

    /// Whether `article` is not what the previous index holds as article `i`: another headline, date, category or
    /// address, another vector of its own (when the index's vectors came with the feed), or a text whose vectors
    /// under the old model are not the stored ones (a change only in words the
    /// old vocabulary lacks is not seen: those are ignored in an incremental run anyway).
    static func differs(_ article: Article, from previous: IndexContents, at i: Int) -> Bool {
        let stored = previous.articles[i]
        guard article.title == stored.title, article.published == stored.published,
            (article.category ?? "") == (stored.category ?? ""), (article.url ?? "") == (stored.url ?? "")
        else { return true }
        if let space = previous.embedding, space.model.isFeed {
            // The feed's own vector, placed as the stored one was.
            let d = space.model.dimensions
            guard (article.embedding?.count ?? d) == d else { return true }
            let placed = space.place(article.embedding ?? [Float](repeating: 0, count: d))
            guard zip(placed, space.vectors.row(i)).allSatisfy({ abs($0 - $1) <= 1e-5 }) else { return true }
        }
        let rows = previous.model.vectorize(title: article.title, body: article.body)
        return !rows.title.row(0, matches: previous.vectors.title, row: i)
            || !rows.body.row(0, matches: previous.vectors.body, row: i)
    }

    /// The previous contents' representation with `added` appended (articles the index does not hold).
    /// Requires the latent space `Plan.refusal` asks for: topics are found in it.
    /// - Complexity: O(added × (postings of its terms + articles × latent dimensions + articles × log articles)).
    /// - Parameter embedder: the model of the previous index's embedding space (checked by the caller); unused
    ///   when it has none.
    static func extend(
        _ previous: IndexContents, adding added: [Article], embedder: ArticleEmbedder?, timer: inout PhaseTimer
    ) -> IndexBuilder.Representation {
        let old = previous
        let weighting = old.metadata.configuration.weighting
        let rows = timer.measure("vectors") {
            ParallelMap.chunked(count: added.count, chunkSize: 64) { range in
                range.map { old.model.vectorize(title: added[$0].title, body: added[$0].body) }
            }
        }
        let vectors = FieldVectors(
            title: old.vectors.title.appending(rowsOf: rows.map(\.title)),
            body: old.vectors.body.appending(rowsOf: rows.map(\.body)))
        let embedding = old.embedding.map { space in
            guard let source = EmbeddingSource.of(space, embedder: embedder) else {
                preconditionFailure("an incremental build without the embedding model of the previous index")
            }
            return timer.measure("embedding") { space.appending(source.embeddings(of: added)) }
        }
        guard let space = old.semantic else { preconditionFailure("an incremental build without a latent space") }
        let semantic = timer.measure("fold-in") { foldIn(rows, into: space, over: old.vectors, weighting) }
        let related = timer.measure("similarity") {
            relatedLists(
                previous: old.related, vectors: vectors, semantic: semantic, embedding: embedding, weighting: weighting)
        }
        let method = old.metadata.method.hasSuffix("+incremental") ? old.metadata.method : old.metadata.method + "+incremental"
        return IndexBuilder.Representation(
            model: old.model, vectors: vectors, semantic: semantic, embedding: embedding, clusterSpace: semantic.vectors,
            related: related, method: method, statistics: SimilarityResult.Statistics())
    }

    /// The previous latent space with the new articles' unit vectors and norms appended.
    private static func foldIn(
        _ rows: [FieldVectors], into space: SemanticSpace, over vectors: FieldVectors, _ weighting: WeightingOptions
    ) -> SemanticSpace {
        let projection = TermProjection(
            space: space, titlePostings: vectors.title.transposed(), bodyPostings: vectors.body.transposed(),
            model: ScoreModel(lexical: weighting))
        let coordinates = ParallelMap.chunked(count: rows.count, chunkSize: 16) { range in
            range.map { projection.coordinates(of: rows[$0], row: 0) }
        }
        var storage = space.vectors.storage
        var norms = space.norms
        for q in coordinates {
            let norm = q.reduce(0) { $0 + $1 * $1 }.squareRoot()
            storage += norm > 0 ? q.map { $0 / norm } : q
            norms.append(norm)
        }
        let d = space.dimensions
        return SemanticSpace(
            vectors: DenseMatrix(rows: storage.count / max(1, d), columns: d, storage: storage), norms: norms,
            singularValues: space.singularValues)
    }

    /// The previous lists, extended: exact lists for the new articles, and each new article inserted into the old
    /// lists whose worst entry it beats.
    private static func relatedLists(
        previous: RelatedLists, vectors: FieldVectors, semantic: SemanticSpace?, embedding: EmbeddingSpace?,
        weighting: WeightingOptions
    ) -> RelatedLists {
        let n0 = previous.count
        let n = vectors.count
        let width = previous.width
        var lists = RelatedLists(
            width: width,
            indices: previous.indices + [Int32](repeating: -1, count: (n - n0) * width),
            scores: previous.scores + [Float](repeating: 0, count: (n - n0) * width))
        guard width > 0 else { return lists }
        let threshold = (0..<n0).map { j in
            lists.indices[j * width + width - 1] >= 0 ? lists.scores[j * width + width - 1] : -Float.infinity
        }
        let scorer = ExactScorer(vectors: vectors, weighting: weighting, semantic: semantic, embedding: embedding)
        let scored = ParallelMap.chunked(count: n - n0, chunkSize: 4) { range in
            var workspace = ExactScorer.Workspace(for: scorer)
            var top = TopK(capacity: n)
            return range.map { k in
                top.removeAll()
                scorer.scoreAll(article: n0 + k, workspace: &workspace, into: &top)
                let all = top.sorted()
                let entering = all.filter { Int($0.index) < n0 && $0.score >= threshold[Int($0.index)] }
                return (list: Array(all.prefix(width)), entering: entering)
            }
        }
        var pending = [[(score: Float, index: Int32)]](repeating: [], count: n0)
        for (k, result) in scored.enumerated() {
            lists.set(n0 + k, result.list)
            for entry in result.entering { pending[Int(entry.index)].append((entry.score, Int32(n0 + k))) }
        }
        var top = TopK(capacity: width)
        for j in 0..<n0 where !pending[j].isEmpty {
            top.removeAll()
            for (i, s) in lists.list(of: j) { top.insert(s, Int32(i)) }
            for entry in pending[j] { top.insert(entry.score, entry.index) }
            lists.set(j, top.sorted())
        }
        return lists
    }
}
