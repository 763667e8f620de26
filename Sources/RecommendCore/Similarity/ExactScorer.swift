internal import Synchronization

/// The exact pair score (`ScoreModel`) of articles of an index against many others at once: the candidates of
/// an article, every article, or a text over the same vocabulary. Postings lists by term make one query cost
/// the postings of its own terms.
public struct ExactScorer: Sendable {
    public let vectors: FieldVectors
    public let model: ScoreModel
    /// The latent space blended in (nil when `model` blends none).
    public let semantic: SemanticSpace?
    /// The embedding space blended in (nil when `model` blends none).
    public let embedding: EmbeddingSpace?
    /// The dense part of the score, latent and embedding, as rows whose inner products it is (nil when `model`
    /// blends neither).
    public let dense: DenseChannels?
    /// Title vectors by term (postings lists), for scoring one query against every article.
    let titlePostings: SparseMatrix
    /// Body vectors by term.
    let bodyPostings: SparseMatrix
    /// Per term: bit 0 set when it is rare in titles, bit 1 when rare in bodies (`lexicalCandidates`'s limit):
    /// one byte per term stays in cache where the postings' row starts do not.
    let rareTerms: [UInt8]

    /// A scorer of `vectors` with the model `weighting` asks for over `semantic` and `embedding`.
    /// - Complexity: O(entries + terms) to build the postings lists, O(articles × dense dimensions) for the dense
    ///   rows.
    public init(
        vectors: FieldVectors, weighting: WeightingOptions, semantic: SemanticSpace?, embedding: EmbeddingSpace? = nil
    ) {
        self.vectors = vectors
        model = ScoreModel(weighting, semantic: semantic, embedding: embedding)
        self.semantic = model.blendsLatent ? semantic : nil
        self.embedding = model.blendsEmbedding ? embedding : nil
        dense = DenseChannels(model: model, vectors: vectors, semantic: semantic, embedding: embedding)
        titlePostings = vectors.title.transposed()
        bodyPostings = vectors.body.transposed()
        let rare = Self.rareLimit(articles: vectors.count)
        rareTerms = (0..<vectors.title.columnCount).map { [titlePostings, bodyPostings] term in
            (titlePostings.range(ofRow: term).count <= rare ? 1 : 0) | (bodyPostings.range(ofRow: term).count <= rare ? 2 : 0)
        }
    }

    /// The most articles a term may be in for `lexicalCandidates` to use it: 2% of them, at least 64.
    static func rareLimit(articles: Int) -> Int { max(64, articles / 50) }

    /// Scratch memory for one worker: query weights spread over the vocabulary and an accumulator per article.
    /// Each part is allocated on first use, so scoring a text never pays for the vocabulary-sized arrays that
    /// only `scores(of:_:workspace:)` needs.
    public struct Workspace: Sendable {
        /// Title weights of the query article by term (empty until `scores(of:_:workspace:)` first runs).
        var title: [Float] = []
        /// Body weights of the query article by term (empty until `scores(of:_:workspace:)` first runs).
        var body: [Float] = []
        var accumulator: [Float] = []
        var touched: [Int32] = []
        /// Dense parts of the score of the query against every article.
        var denseScores: [Float] = []
        /// Per article, the query it was last scored for: a candidate listed twice is scored once.
        var lastQuery: [Int32] = []

        /// Marks `j` as scored for query `i`; false if it already was.
        mutating func stamp(_ j: Int32, for i: Int) -> Bool {
            if lastQuery.isEmpty { lastQuery = [Int32](repeating: -1, count: articleCount) }
            guard lastQuery[Int(j)] != Int32(i) else { return false }
            lastQuery[Int(j)] = Int32(i)
            return true
        }

        let articleCount: Int
        let titleTerms: Int
        let bodyTerms: Int

        public init(for scorer: ExactScorer) {
            articleCount = scorer.vectors.count
            titleTerms = scorer.vectors.title.columnCount
            bodyTerms = scorer.vectors.body.columnCount
        }
    }

    /// Scores article `i` against each of `candidates` (never itself, each once) and offers those with a positive
    /// score to `top`.
    /// - Complexity: O(entries of `i` + entries of the candidates + candidates × dense dimensions).
    public func scoreCandidates(of i: Int, _ candidates: [Int32], workspace: inout Workspace, into top: inout TopK) {
        let unique = candidates.filter { Int($0) != i && workspace.stamp($0, for: i) }
        let scores = scores(of: vectors, row: i, dense: denseRow(i), unique, workspace: &workspace)
        for (j, s) in zip(unique, scores) where s > 0 { top.insert(s, j) }
    }

    /// The dense row of article `i` (nil without a dense blend).
    func denseRow(_ i: Int) -> [Float]? { dense.map { Array($0.rows.row(i)) } }

    /// The dense row of a text: row `row` of `query` (vectors over the same vocabulary), with its unit latent
    /// vector (from a `TermProjection`) and its unit vector in the embedding space (nil when not embedded).
    public func denseRow(text query: FieldVectors, row: Int, latent: [Float]?, embedding: [Float]?) -> [Float]? {
        dense?.row(model: model, query: query, row: row, latent: latent, embedding: embedding)
    }

    /// The scores of row `row` of `query` (an article's or a text's vectors over the same vocabulary, with its
    /// dense row) against each of `others`, in order.
    /// - Complexity: O(entries of the row + entries of the others + others × dense dimensions).
    func scores(of query: FieldVectors, row: Int, dense q: [Float]?, _ others: [Int32], workspace: inout Workspace)
        -> [Float]
    {
        let t = vectors.title
        let b = vectors.body
        let (qt, qb) = (query.title, query.body)
        if workspace.title.isEmpty { workspace.title = [Float](repeating: 0, count: workspace.titleTerms) }
        if workspace.body.isEmpty { workspace.body = [Float](repeating: 0, count: workspace.bodyTerms) }
        for k in qt.range(ofRow: row) { workspace.title[Int(qt.columns[k])] = model.titleFactor * qt.values[k] }
        for k in qb.range(ofRow: row) { workspace.body[Int(qb.columns[k])] = model.bodyFactor * qb.values[k] }
        let blended = dense != nil && q != nil
        let d = dense?.dimensions ?? 0
        let out = workspace.title.withUnsafeBufferPointer { spreadTitle in
            workspace.body.withUnsafeBufferPointer { spreadBody in
                (dense?.rows.storage ?? []).withUnsafeBufferPointer { rows in
                    (q ?? []).withUnsafeBufferPointer { q in
                        others.map { j32 -> Float in
                            let j = Int(j32)
                            var s: Float = 0
                            for k in t.range(ofRow: j) { s += spreadTitle[Int(t.columns[k])] * t.values[k] }
                            for k in b.range(ofRow: j) { s += spreadBody[Int(b.columns[k])] * b.values[k] }
                            if blended { s += InnerProduct.of(q.baseAddress!, rows.baseAddress! + j * d, count: d) }
                            return s
                        }
                    }
                }
            }
        }
        for k in qt.range(ofRow: row) { workspace.title[Int(qt.columns[k])] = 0 }
        for k in qb.range(ofRow: row) { workspace.body[Int(qb.columns[k])] = 0 }
        return out
    }

    /// The articles that share the most weight with row `row` of `query` on its `terms` strongest rare terms (a
    /// pruned More-Like-This query): candidates that a dense representation can miss, such as articles sharing a
    /// rare name or a whole paragraph. Terms in more than 2% of the articles (at least 64) are left to the dense
    /// representation: their postings are long and they tie articles by topic, not by story. At most `count`,
    /// best first, never `excluding` (the query article itself).
    /// - Complexity: O(entries of the row + postings of its `terms` strongest rare terms).
    func lexicalCandidates(
        of query: FieldVectors, row: Int, excluding: Int?, terms: Int, count: Int, workspace: inout Workspace
    ) -> [Int32] {
        if workspace.accumulator.isEmpty { workspace.accumulator = [Float](repeating: 0, count: vectors.count) }
        let (t, b) = (query.title, query.body)
        let fields = model.fieldWeights
        var weighted: [(weight: Float, term: Int32, title: Bool)] = []
        rareTerms.withUnsafeBufferPointer { rare in
            for k in t.range(ofRow: row) where rare[Int(t.columns[k])] & 1 != 0 {
                weighted.append((fields.title * t.values[k], t.columns[k], true))
            }
            for k in b.range(ofRow: row) where rare[Int(b.columns[k])] & 2 != 0 {
                weighted.append((fields.body * b.values[k], b.columns[k], false))
            }
        }
        weighted.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.term < $1.term) }
        var touched: [Int32] = []
        swap(&touched, &workspace.touched)
        var top = TopK(capacity: count)
        workspace.accumulator.withUnsafeMutableBufferPointer { accumulator in
            for (weight, term, isTitle) in weighted.prefix(terms) {
                Self.accumulate(
                    isTitle ? titlePostings : bodyPostings, term: Int(term), weight: weight, into: accumulator,
                    touched: &touched)
            }
            for j in touched {
                let s = accumulator[Int(j)]
                accumulator[Int(j)] = 0
                if Int(j) != excluding, s >= top.threshold { top.insert(s, j) }
            }
        }
        touched.removeAll(keepingCapacity: true)
        swap(&touched, &workspace.touched)
        return top.sorted().map(\.index)
    }

    /// Scores article `i` against every other article and offers those with a positive score to `top`.
    /// - Complexity: O(postings of its terms + articles × dense dimensions).
    public func scoreAll(article i: Int, workspace: inout Workspace, into top: inout TopK) {
        accumulateLexical(vectors, row: i, workspace: &workspace)
        collect(dense: denseRow(i), excluding: i, workspace: &workspace, into: &top)
    }

    /// Scores a text (row `row` of `query`, vectors over the same vocabulary, with its dense row from
    /// `denseRow(text:row:latent:embedding:)`) against every article and offers those with a positive score to
    /// `top`.
    /// - Complexity: O(postings of its terms + articles × dense dimensions).
    public func scoreAll(
        text query: FieldVectors, row: Int, dense q: [Float]?, workspace: inout Workspace, into top: inout TopK
    ) {
        accumulateLexical(query, row: row, workspace: &workspace)
        collect(dense: q, excluding: nil, workspace: &workspace, into: &top)
    }

    /// Adds the lexical part of the score, `(1 - β) (w cos_title + (1 - w) cos_body)`, of the query row to the
    /// accumulator of every article sharing a term.
    func accumulateLexical(_ query: FieldVectors, row: Int, workspace: inout Workspace) {
        if workspace.accumulator.isEmpty { workspace.accumulator = [Float](repeating: 0, count: vectors.count) }
        var touched: [Int32] = []
        swap(&touched, &workspace.touched)
        touched.reserveCapacity(vectors.count)
        workspace.accumulator.withUnsafeMutableBufferPointer { accumulator in
            for (q, postings, weight) in [(query.title, titlePostings, model.titleFactor), (query.body, bodyPostings, model.bodyFactor)] {
                for k in q.range(ofRow: row) {
                    Self.accumulate(
                        postings, term: Int(q.columns[k]), weight: weight * q.values[k], into: accumulator,
                        touched: &touched)
                }
            }
        }
        swap(&touched, &workspace.touched)
    }

    /// Adds `weight` times each posting of `term` to the accumulator of its article, noting in `touched` each
    /// article the accumulator held no score for.
    @inline(__always)
    private static func accumulate(
        _ postings: SparseMatrix, term: Int, weight: Float, into accumulator: UnsafeMutableBufferPointer<Float>,
        touched: inout [Int32]
    ) {
        postings.columns.withUnsafeBufferPointer { articles in
            postings.values.withUnsafeBufferPointer { values in
                for p in postings.range(ofRow: term) {
                    let j = Int(articles[p])
                    if accumulator[j] == 0 { touched.append(Int32(j)) }
                    accumulator[j] += weight * values[p]
                }
            }
        }
    }

    /// Adds the dense part to the accumulated lexical scores, offers the results to `top` and clears the
    /// accumulator.
    private func collect(dense q: [Float]?, excluding: Int?, workspace: inout Workspace, into top: inout TopK) {
        if let dense, let q {
            dense.rows.innerProducts(with: q, into: &workspace.denseScores)
            let scores = workspace.denseScores
            scores.withUnsafeBufferPointer { collect(denseScores: $0, excluding: excluding, workspace: &workspace, into: &top) }
        } else {
            collect(denseScores: nil, excluding: excluding, workspace: &workspace, into: &top)
        }
    }

    /// Adds `denseScores` (the dense part of the query's score against every article, nil without a dense blend)
    /// to the accumulated lexical scores, offers the results to `top` and clears the accumulator.
    private func collect(
        denseScores: UnsafeBufferPointer<Float>?, excluding: Int?, workspace: inout Workspace, into top: inout TopK
    ) {
        if let denseScores {
            workspace.accumulator.withUnsafeMutableBufferPointer { lexical in
                for j in 0..<vectors.count where j != excluding {
                    let s = lexical[j] + denseScores[j]
                    if s > 0, s > top.threshold { top.insert(s, Int32(j)) }
                }
                for j in workspace.touched { lexical[Int(j)] = 0 }
            }
        } else {
            for j in workspace.touched {
                let s = workspace.accumulator[Int(j)]
                workspace.accumulator[Int(j)] = 0
                if Int(j) != excluding, s > 0 { top.insert(s, j) }
            }
        }
        workspace.touched.removeAll(keepingCapacity: true)
    }
}

extension ExactScorer {
    /// Each of `articles` scored against every other article, its top `k` (as `scoreAll(article:)` finds them), in
    /// order: the dense parts of all of them by one `sgemm` (memory O(articles × all articles)), the lexical parts
    /// from the postings on every core. For a sample of articles, where one `sgemv` each would read every dense
    /// row once per article.
    /// - Complexity: O(articles × all articles × dense dimensions) in `sgemm`, plus the postings of their terms.
    func topScores(of articles: [Int], k: Int) -> [[(score: Float, index: Int32)]] {
        let n = vectors.count
        var block: [Float] = []
        if let dense {
            let d = dense.dimensions
            var queries = [Float]()
            queries.reserveCapacity(articles.count * d)
            for i in articles { queries += dense.rows.row(i) }
            block = [Float](repeating: 0, count: articles.count * n)
            queries.withUnsafeBufferPointer { a in
                dense.rows.storage.withUnsafeBufferPointer { b in
                    block.withUnsafeMutableBufferPointer { c in
                        BLAS.multiplyTransposed(
                            a.baseAddress!, b.baseAddress!, into: c.baseAddress!, m: articles.count, n: n, k: d)
                    }
                }
            }
        }
        return ParallelMap.chunked(count: articles.count, chunkSize: 16) { range in
            var workspace = Workspace(for: self)
            var top = TopK(capacity: k)
            return range.map { r in
                top.removeAll()
                accumulateLexical(vectors, row: articles[r], workspace: &workspace)
                block.withUnsafeBufferPointer { all in
                    let scores = dense == nil ? nil : UnsafeBufferPointer(rebasing: all[(r * n)..<((r + 1) * n)])
                    collect(denseScores: scores, excluding: articles[r], workspace: &workspace, into: &top)
                }
                return top.sorted()
            }
        }
    }

    /// Ranks `rows` on every core into `lists`, each row's list replacing its own: `offer(r, ...)` gives the
    /// entries of row `rows[r]` to an empty heap `lists.width` wide, with a workspace of the worker's own.
    /// - Complexity: what `offer` costs per row, plus O(rows × width × log width).
    func rank(
        _ rows: [Int], into lists: inout RelatedLists, chunkSize: Int,
        _ offer: (_ position: Int, inout Workspace, inout TopK) -> Void
    ) {
        let width = lists.width
        let ranked = ParallelMap.chunked(count: rows.count, chunkSize: chunkSize) { positions in
            var workspace = Workspace(for: self)
            var top = TopK(capacity: width)
            return positions.map { r in
                top.removeAll()
                offer(r, &workspace, &top)
                return top.sorted()
            }
        }
        for (r, list) in ranked.enumerated() { lists.set(rows[r], list) }
    }
}

/// Workspaces kept between queries, so a service answering text after text does not allocate and zero its
/// vocabulary- and archive-sized arrays (2 MB at 200,000 articles) for each one. Every workspace is left
/// clean by the scorer's methods, so one can be reused as it is.
final class WorkspacePool: Sendable {
    private let scorer: ExactScorer
    private let idle = Mutex<[ExactScorer.Workspace]>([])

    init(for scorer: ExactScorer) { self.scorer = scorer }

    /// Runs `body` with a workspace of its own (an idle one, or a new one), then keeps it for the next caller.
    func withWorkspace<T>(_ body: (inout ExactScorer.Workspace) throws -> T) rethrows -> T {
        var workspace = idle.withLock { $0.popLast() } ?? ExactScorer.Workspace(for: scorer)
        defer { idle.withLock { $0.append(workspace) } }
        return try body(&workspace)
    }
}
