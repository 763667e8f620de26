/// Builds the vocabulary and every article's TF-IDF vectors in one parallel pass over the corpus.
public struct TFIDFBuilder: Sendable {
    public let text: TextOptions
    public let weighting: WeightingOptions

    public init(text: TextOptions, weighting: WeightingOptions) {
        self.text = text
        self.weighting = weighting
    }

    /// The model (vocabulary, idf) and the vectors of `articles`, row `i` for `articles[i]`.
    ///
    /// Each chunk of articles is tokenised on its own core into chunk-local surface ids; distinct surfaces
    /// are then stemmed once each, terms get ids in sorted order (so the result does not depend on the
    /// chunking), document frequencies decide which terms each field keeps, and rows are weighted and
    /// normalised.
    /// - Complexity: O(total text length + distinct surfaces × log).
    public func build(_ articles: [Article]) -> (model: TFIDFModel, vectors: FieldVectors) {
        var relaxed: [String] = []
        return build(articles, relaxed: &relaxed)
    }

    /// As `build(_:)`, appending to `relaxed` a sentence for each field whose document-frequency limits were
    /// relaxed because they would have left it no term (`TFIDFWeighting.limits`).
    public func build(_ articles: [Article], relaxed: inout [String]) -> (model: TFIDFModel, vectors: FieldVectors) {
        let tokenizer = Tokenizer(options: text)
        let chunkSize = max(64, articles.count / (ParallelMap.workers * 8) + 1)
        let chunks = stride(from: 0, to: articles.count, by: chunkSize).map {
            $0..<min(articles.count, $0 + chunkSize)
        }
        let tokenized = ParallelMap.map(chunks) { range in ChunkTokens(articles[range], tokenizer: tokenizer) }

        // Global surface ids and their total counts.
        var surfaceIDs: [String: Int32] = [:]
        var surfaces: [String] = []
        var surfaceCounts: [Int] = []
        let localToGlobal: [[Int32]] = tokenized.map { chunk in
            chunk.surfaces.enumerated().map { local, surface in
                let id: Int32
                if let known = surfaceIDs[surface] {
                    id = known
                } else {
                    id = Int32(surfaces.count)
                    surfaceIDs[surface] = id
                    surfaces.append(surface)
                    surfaceCounts.append(0)
                }
                surfaceCounts[Int(id)] += chunk.surfaceCounts[local]
                return id
            }
        }

        // Terms: each distinct surface analysed once; ids in sorted term order.
        let analyzer = TermAnalyzer(options: text)
        let surfaceTerms = ParallelMap.chunked(count: surfaces.count, chunkSize: 4096) { range in
            range.map { analyzer.term(forSurface: surfaces[$0]) }
        }
        let sortedTerms = Array(Set(surfaceTerms.compactMap { $0 })).sorted()
        var termIndex: [String: Int32] = [:]
        termIndex.reserveCapacity(sortedTerms.count)
        for (i, term) in sortedTerms.enumerated() { termIndex[term] = Int32(i) }
        // -1 for a stop word.
        let surfaceToTerm = surfaceTerms.map { $0.map { termIndex[$0]! } ?? -1 }

        // Per-article term counts per field (chunks in parallel), and document frequencies.
        let n = articles.count
        let counted = ParallelMap.map(Array(tokenized.indices)) { c in
            let map = localToGlobal[c].map { surfaceToTerm[Int($0)] }
            return tokenized[c].documents.map { doc in
                (title: Self.termCounts(doc.title, map: map), body: Self.termCounts(doc.body, map: map))
            }
        }.flatMap { $0 }
        let titleCounts = counted.map(\.title)
        let bodyCounts = counted.map(\.body)
        let weights = TFIDFWeighting(options: weighting)
        func idf(_ counts: [[(term: Int32, count: Int)]], field: String) -> [Float] {
            var df = [Int](repeating: 0, count: sortedTerms.count)
            for row in counts { for entry in row { df[Int(entry.term)] += 1 } }
            let limits = weights.limits(df, documents: n, field: field)
            if let sentence = limits.relaxed { relaxed.append(sentence) }
            return df.map { weights.idf(documentFrequency: $0, documents: n, kept: limits.kept) }
        }
        let titleIDF = idf(titleCounts, field: "title")
        let bodyIDF = idf(bodyCounts, field: "body")

        // Keep only terms some field uses; renumber densely, preserving the sorted order.
        var newID = [Int32](repeating: -1, count: sortedTerms.count)
        var keptTerms: [String] = []
        for t in 0..<sortedTerms.count where titleIDF[t] > 0 || bodyIDF[t] > 0 {
            newID[t] = Int32(keptTerms.count)
            keptTerms.append(sortedTerms[t])
        }
        var bestSurface = [Int32](repeating: -1, count: keptTerms.count)
        for s in 0..<surfaces.count where surfaceToTerm[s] >= 0 {
            let t = Int(newID[Int(surfaceToTerm[s])])
            guard t >= 0 else { continue }
            let best = Int(bestSurface[t])
            if best < 0 || surfaceCounts[s] > surfaceCounts[best]
                || (surfaceCounts[s] == surfaceCounts[best] && surfaces[s] < surfaces[best])
            {
                bestSurface[t] = Int32(s)
            }
        }
        let vocabulary = Vocabulary(
            terms: keptTerms,
            displayForms: bestSurface.map { surfaces[Int($0)] },
            titleIDF: titleIDF.indices.filter { newID[$0] >= 0 }.map { titleIDF[$0] },
            bodyIDF: bodyIDF.indices.filter { newID[$0] >= 0 }.map { bodyIDF[$0] })

        func matrix(_ counts: [[(term: Int32, count: Int)]], idf: [Float]) -> SparseMatrix {
            let parts = ParallelMap.map(chunks) { range in
                var rowLengths: [Int] = []
                var columns: [Int32] = []
                var values: [Float] = []
                for row in counts[range] {
                    let renumbered = row.compactMap { entry -> (term: Int32, count: Int)? in
                        let id = newID[Int(entry.term)]
                        return id >= 0 ? (id, entry.count) : nil
                    }
                    let before = columns.count
                    weights.appendRow(renumbered, idf: idf, columns: &columns, values: &values)
                    rowLengths.append(columns.count - before)
                }
                return (rowLengths, columns, values)
            }
            var rowStart = [0]
            rowStart.reserveCapacity(n + 1)
            for part in parts { for length in part.0 { rowStart.append(rowStart.last! + length) } }
            return SparseMatrix(
                rowStart: rowStart, columns: parts.flatMap(\.1), values: parts.flatMap(\.2),
                columnCount: keptTerms.count)
        }
        let vectors = FieldVectors(
            title: matrix(titleCounts, idf: vocabulary.titleIDF), body: matrix(bodyCounts, idf: vocabulary.bodyIDF))
        return (TFIDFModel(vocabulary: vocabulary, text: text, weighting: weighting), vectors)
    }

    /// Counts per term of a list of chunk-local surface ids (stop words mapped to -1), ascending by term id.
    private static func termCounts(_ localSurfaces: [Int32], map: [Int32]) -> [(term: Int32, count: Int)] {
        TFIDFWeighting.counts(ofTerms: localSurfaces.map { map[Int($0)] }.filter { $0 >= 0 })
    }
}

/// The tokens of a chunk of articles as chunk-local surface ids.
private struct ChunkTokens: Sendable {
    var surfaces: [String] = []
    var surfaceCounts: [Int] = []
    var documents: [(title: [Int32], body: [Int32])] = []

    init(_ articles: ArraySlice<Article>, tokenizer: Tokenizer) {
        var ids: [String: Int32] = [:]
        func intern(_ s: String) -> Int32 {
            if let id = ids[s] {
                surfaceCounts[Int(id)] += 1
                return id
            }
            let id = Int32(surfaces.count)
            ids[s] = id
            surfaces.append(s)
            surfaceCounts.append(1)
            return id
        }
        documents.reserveCapacity(articles.count)
        for article in articles {
            var title: [Int32] = []
            var body: [Int32] = []
            tokenizer.forEachToken(in: article.title) { title.append(intern($0)) }
            tokenizer.forEachToken(in: article.body) { body.append(intern($0)) }
            documents.append((title, body))
        }
    }
}
