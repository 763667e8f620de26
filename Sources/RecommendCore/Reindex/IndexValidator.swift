/// Checks a freshly written index file before it may replace the serving one.
enum IndexValidator {
    /// Checks the file at `path` as `recommend verify` does (`IndexVerifier`: every checksum, every structure,
    /// every cross-reference), then against `contents`, the contents it was written from: the file has `bytes`
    /// bytes, its counts and generation match, `loadModel()` succeeds with matching sizes, and a sample of
    /// related lists holds the same entries as built. Returns the number of lists compared.
    /// - Throws: `ReindexError.invalidIndex` naming the first thing that is wrong.
    /// - Complexity: O(file size) for the checksums, plus O(sample × width × log count).
    static func validate(_ path: String, expected contents: IndexContents, bytes: Int, sample: Int) throws -> Int {
        func invalid(_ detail: String) -> ReindexError { .invalidIndex(path: path, detail: detail) }
        let size = IndexGenerations.size(of: path) ?? -1
        guard size == bytes else { throw invalid("has \(size) bytes, \(bytes) were written") }
        let verification = IndexVerifier.verify(path)
        guard verification.isSound else {
            throw invalid("fails verification: \(verification.problems.map(\.description).joined(separator: "; "))")
        }
        let index: RecommendIndex
        do { index = try RecommendIndex(path: path) } catch { throw invalid("does not open: \(error)") }
        let n = contents.articles.count
        let m = index.metadata
        guard m.articleCount == n, m.neighbours == contents.related.width,
            m.termCount == contents.model.vocabulary.count,
            m.generation == contents.metadata.generation
        else {
            throw invalid(
                "holds \(m.articleCount) articles, \(m.termCount) terms, \(m.neighbours) neighbours, generation "
                    + "\(m.generation); the build made \(n), \(contents.model.vocabulary.count), "
                    + "\(contents.related.width), \(contents.metadata.generation)")
        }
        let model: RecommendIndex.Model
        do { model = try index.loadModel() } catch { throw invalid("has a model that does not load: \(error)") }
        guard model.vectors.count == n, (model.semantic?.vectors.rows ?? n) == n,
            (model.semantic?.dimensions ?? 0) == m.semanticDimensions
        else { throw invalid("has vectors for \(model.vectors.count) articles, not \(n)") }
        let stride = max(1, n / max(1, sample))
        var checked = 0
        for i in Swift.stride(from: 0, to: n, by: stride).prefix(sample) {
            let id = contents.articles[i].id
            guard ArticleID(index.article(i).id) == ArticleID(id), try index.index(of: id) == i else {
                throw invalid("does not find article '\(id)'")
            }
            let related: [RelatedArticle]
            do { related = try index.related(to: i, limit: m.neighbours) } catch { throw invalid("\(error)") }
            let built = contents.related.list(of: i)
            guard related.count == built.count else {
                throw invalid("stores \(related.count) related articles for '\(id)', the build made \(built.count)")
            }
            for (k, entry) in related.enumerated() {
                guard try index.index(of: entry.article.id) != nil, ArticleID(entry.article.id) != ArticleID(id),
                    ArticleID(entry.article.id) == contents.articles[built[k].index].key
                else { throw invalid("has a wrong entry \(k + 1) in the list of '\(id)'") }
                guard k == 0 || related[k - 1].score >= entry.score else {
                    throw invalid("has scores out of order in the list of '\(id)'")
                }
            }
            checked += 1
        }
        return checked
    }
}
