/// The exact pair score between articles of an index and any text over the same vocabulary:
///
///     score = (1 - β) (w cos(title_a, title_b) + (1 - w) cos(body_a, body_b)) + β cos(latent_a, latent_b)
///
/// `w` is the title weight, `β` the semantic weight (0 without a semantic space).
public struct ExactScorer: Sendable {
    public let vectors: FieldVectors
    public let titleWeight: Float
    /// The latent space blended in, if any.
    public let semantic: SemanticSpace?
    /// The weight `β` of the latent cosine.
    public let semanticWeight: Float
    /// Title vectors by term (postings lists), for scoring one query against every article.
    let titlePostings: SparseMatrix
    /// Body vectors by term.
    let bodyPostings: SparseMatrix

    public init(vectors: FieldVectors, titleWeight: Float, semantic: SemanticSpace? = nil, semanticWeight: Float = 0) {
        self.vectors = vectors
        self.titleWeight = titleWeight
        let blended = semantic.map { $0.dimensions > 0 && semanticWeight > 0 } ?? false
        self.semantic = blended ? semantic : nil
        self.semanticWeight = blended ? semanticWeight : 0
        titlePostings = vectors.title.transposed()
        bodyPostings = vectors.body.transposed()
    }

    /// Scratch memory for one worker: query weights spread over the vocabulary and an accumulator per article.
    /// Each part is allocated on first use, so scoring a text never pays for the vocabulary-sized arrays that
    /// only `scores(of:_:workspace:)` needs.
    public struct Workspace {
        /// Title weights of the query article by term (empty until `scores(of:_:workspace:)` first runs).
        var title: [Float] = []
        /// Body weights of the query article by term (empty until `scores(of:_:workspace:)` first runs).
        var body: [Float] = []
        var accumulator: [Float] = []
        var touched: [Int32] = []
        /// Latent cosines of the query against every article.
        var latentScores: [Float] = []
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
    /// - Complexity: O(entries of `i` + entries of the candidates + candidates × latent dimensions).
    public func scoreCandidates(of i: Int, _ candidates: [Int32], workspace: inout Workspace, into top: inout TopK) {
        let unique = candidates.filter { Int($0) != i && workspace.stamp($0, for: i) }
        for (j, s) in zip(unique, scores(of: i, unique, workspace: &workspace)) where s > 0 { top.insert(s, j) }
    }

    /// The scores of article `i` against each of `others`, in order.
    /// - Complexity: O(entries of `i` + entries of the others + others × latent dimensions).
    func scores(of i: Int, _ others: [Int32], workspace: inout Workspace) -> [Float] {
        let t = vectors.title
        let b = vectors.body
        let lexicalWeight = 1 - semanticWeight
        let w = titleWeight * lexicalWeight
        if workspace.title.isEmpty { workspace.title = [Float](repeating: 0, count: workspace.titleTerms) }
        if workspace.body.isEmpty { workspace.body = [Float](repeating: 0, count: workspace.bodyTerms) }
        for k in t.range(ofRow: i) { workspace.title[Int(t.columns[k])] = w * t.values[k] }
        for k in b.range(ofRow: i) { workspace.body[Int(b.columns[k])] = (lexicalWeight - w) * b.values[k] }
        let out = workspace.title.withUnsafeBufferPointer { qt in
            workspace.body.withUnsafeBufferPointer { qb in
                t.columns.withUnsafeBufferPointer { tc in
                    t.values.withUnsafeBufferPointer { tv in
                        b.columns.withUnsafeBufferPointer { bc in
                            b.values.withUnsafeBufferPointer { bv in
                                others.map { j32 -> Float in
                                    let j = Int(j32)
                                    var s: Float = 0
                                    for k in t.rowStart[j]..<t.rowStart[j + 1] { s += qt[Int(tc[k])] * tv[k] }
                                    for k in b.rowStart[j]..<b.rowStart[j + 1] { s += qb[Int(bc[k])] * bv[k] }
                                    if let semantic { s += semanticWeight * semantic.cosine(i, j) }
                                    return s
                                }
                            }
                        }
                    }
                }
            }
        }
        for k in t.range(ofRow: i) { workspace.title[Int(t.columns[k])] = 0 }
        for k in b.range(ofRow: i) { workspace.body[Int(b.columns[k])] = 0 }
        return out
    }

    /// The articles that share the most weight with article `i` on its `terms` strongest rare terms (a pruned
    /// More-Like-This query): candidates that a dense representation can miss, such as articles sharing a rare
    /// name or a whole paragraph. Terms in more than 2% of the articles (at least 64) are left to the dense
    /// representation: their postings are long and they tie articles by topic, not by story. At most `count`,
    /// best first, never `i` itself.
    /// - Complexity: O(entries of `i` + postings of its `terms` strongest rare terms).
    func lexicalCandidates(of i: Int, terms: Int, count: Int, workspace: inout Workspace) -> [Int32] {
        if workspace.accumulator.isEmpty { workspace.accumulator = [Float](repeating: 0, count: vectors.count) }
        let t = vectors.title
        let b = vectors.body
        let rare = max(64, vectors.count / 50)
        var weighted: [(weight: Float, term: Int32, title: Bool)] = []
        for k in t.range(ofRow: i) where titlePostings.range(ofRow: Int(t.columns[k])).count <= rare {
            weighted.append((titleWeight * t.values[k], t.columns[k], true))
        }
        for k in b.range(ofRow: i) where bodyPostings.range(ofRow: Int(b.columns[k])).count <= rare {
            weighted.append(((1 - titleWeight) * b.values[k], b.columns[k], false))
        }
        weighted.sort { $0.weight > $1.weight || ($0.weight == $1.weight && $0.term < $1.term) }
        for (weight, term, isTitle) in weighted.prefix(terms) {
            let postings = isTitle ? titlePostings : bodyPostings
            for p in postings.range(ofRow: Int(term)) {
                let j = Int(postings.columns[p])
                if workspace.accumulator[j] == 0 { workspace.touched.append(Int32(j)) }
                workspace.accumulator[j] += weight * postings.values[p]
            }
        }
        var top = TopK(capacity: count)
        for j in workspace.touched {
            let s = workspace.accumulator[Int(j)]
            workspace.accumulator[Int(j)] = 0
            if Int(j) != i { top.insert(s, j) }
        }
        workspace.touched.removeAll(keepingCapacity: true)
        return top.sorted().map(\.index)
    }

    /// Scores article `i` against every other article and offers those with a positive score to `top`.
    /// - Complexity: O(postings of its terms + articles × latent dimensions).
    public func scoreAll(article i: Int, workspace: inout Workspace, into top: inout TopK) {
        accumulateLexical(vectors, row: i, workspace: &workspace)
        let latent = semantic.map { Array($0.vectors.row(i)) }
        collect(latent: latent, excluding: i, workspace: &workspace, into: &top)
    }

    /// Scores a text (row `row` of `query`, vectors over the same vocabulary) against every article and offers
    /// those with a positive score to `top`. Its latent vector is folded in from its lexical scores.
    /// - Complexity: O(postings of its terms + articles × latent dimensions).
    public func scoreAll(text query: FieldVectors, row: Int, workspace: inout Workspace, into top: inout TopK) {
        accumulateLexical(query, row: row, workspace: &workspace)
        let latent = semantic.map { space in
            space.foldIn(workspace.touched.map { ($0, workspace.accumulator[Int($0)]) })
        }
        collect(latent: latent, excluding: nil, workspace: &workspace, into: &top)
    }

    /// Adds `w cos_title + (1 - w) cos_body` of the query row to the accumulator of every article sharing a term.
    func accumulateLexical(_ query: FieldVectors, row: Int, workspace: inout Workspace) {
        if workspace.accumulator.isEmpty { workspace.accumulator = [Float](repeating: 0, count: vectors.count) }
        func accumulate(_ q: SparseMatrix, _ postings: SparseMatrix, _ weight: Float) {
            for k in q.range(ofRow: row) {
                let v = weight * q.values[k]
                for p in postings.range(ofRow: Int(q.columns[k])) {
                    let j = Int(postings.columns[p])
                    if workspace.accumulator[j] == 0 { workspace.touched.append(Int32(j)) }
                    workspace.accumulator[j] += v * postings.values[p]
                }
            }
        }
        accumulate(query.title, titlePostings, titleWeight)
        accumulate(query.body, bodyPostings, 1 - titleWeight)
    }

    /// Blends the accumulated lexical scores with the latent cosines, offers the results to `top` and clears
    /// the accumulator.
    private func collect(latent: [Float]?, excluding: Int?, workspace: inout Workspace, into top: inout TopK) {
        if let semantic, let latent {
            let n = vectors.count
            let lexicalWeight = 1 - semanticWeight
            if workspace.latentScores.count != n { workspace.latentScores = [Float](repeating: 0, count: n) }
            semantic.vectors.storage.withUnsafeBufferPointer { v in
                latent.withUnsafeBufferPointer { q in
                    workspace.latentScores.withUnsafeMutableBufferPointer { c in
                        BLAS.multiplyVector(
                            v.baseAddress!, q.baseAddress!, into: c.baseAddress!, m: n, n: semantic.dimensions)
                    }
                }
            }
            for j in 0..<n where j != excluding {
                let s = lexicalWeight * workspace.accumulator[j] + semanticWeight * workspace.latentScores[j]
                if s > 0 { top.insert(s, Int32(j)) }
            }
            for j in workspace.touched { workspace.accumulator[Int(j)] = 0 }
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
