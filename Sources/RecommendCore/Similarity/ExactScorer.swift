/// The exact pair score `w cos(title_a, title_b) + (1 - w) cos(body_a, body_b)` between articles of an index
/// and any other vectors of the same vocabulary.
public struct ExactScorer: Sendable {
    public let vectors: FieldVectors
    public let titleWeight: Float
    /// Title vectors by term (postings lists), for scoring one query against every article.
    let titlePostings: SparseMatrix
    /// Body vectors by term.
    let bodyPostings: SparseMatrix

    public init(vectors: FieldVectors, titleWeight: Float) {
        self.vectors = vectors
        self.titleWeight = titleWeight
        titlePostings = vectors.title.transposed()
        bodyPostings = vectors.body.transposed()
    }

    /// Scratch memory for one worker: query weights spread over the vocabulary and an accumulator per article.
    public struct Workspace {
        var title: [Float]
        var body: [Float]
        var accumulator: [Float] = []
        var touched: [Int32] = []

        public init(for scorer: ExactScorer) {
            title = [Float](repeating: 0, count: scorer.vectors.title.columnCount)
            body = [Float](repeating: 0, count: scorer.vectors.body.columnCount)
        }
    }

    /// Scores article `i` against each of `candidates` (never itself) and offers those with a positive score
    /// to `top`.
    /// - Complexity: O(entries of `i` + entries of the candidates).
    public func scoreCandidates(of i: Int, _ candidates: [Int32], workspace: inout Workspace, into top: inout TopK) {
        let t = vectors.title
        let b = vectors.body
        let w = titleWeight
        for k in t.range(ofRow: i) { workspace.title[Int(t.columns[k])] = w * t.values[k] }
        for k in b.range(ofRow: i) { workspace.body[Int(b.columns[k])] = (1 - w) * b.values[k] }
        workspace.title.withUnsafeBufferPointer { qt in
            workspace.body.withUnsafeBufferPointer { qb in
                t.columns.withUnsafeBufferPointer { tc in
                    t.values.withUnsafeBufferPointer { tv in
                        b.columns.withUnsafeBufferPointer { bc in
                            b.values.withUnsafeBufferPointer { bv in
                                for j32 in candidates where Int(j32) != i {
                                    let j = Int(j32)
                                    var s: Float = 0
                                    for k in t.rowStart[j]..<t.rowStart[j + 1] { s += qt[Int(tc[k])] * tv[k] }
                                    for k in b.rowStart[j]..<b.rowStart[j + 1] { s += qb[Int(bc[k])] * bv[k] }
                                    if s > 0 { top.insert(s, j32) }
                                }
                            }
                        }
                    }
                }
            }
        }
        for k in t.range(ofRow: i) { workspace.title[Int(t.columns[k])] = 0 }
        for k in b.range(ofRow: i) { workspace.body[Int(b.columns[k])] = 0 }
    }

    /// Scores row `row` of `query` (vectors over the same vocabulary) against every article sharing a term
    /// with it, and offers those with a positive score to `top`, leaving out article `excluding`.
    /// - Complexity: O(sum of the postings lengths of the query's terms).
    public func scoreAll(
        _ query: FieldVectors, row: Int, excluding: Int? = nil, workspace: inout Workspace, into top: inout TopK
    ) {
        let w = titleWeight
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
        accumulate(query.title, titlePostings, w)
        accumulate(query.body, bodyPostings, 1 - w)
        for j in workspace.touched {
            let s = workspace.accumulator[Int(j)]
            workspace.accumulator[Int(j)] = 0
            if Int(j) != excluding, s > 0 { top.insert(s, j) }
        }
        workspace.touched.removeAll(keepingCapacity: true)
    }
}
