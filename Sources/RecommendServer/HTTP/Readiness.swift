internal import Foundation
internal import RecommendCore

/// The body of `GET /readyz` when an index is loaded.
struct Readiness: Codable, Equatable {
    var status = "ready"
    /// The generation the nightly job wrote into the index.
    var generation: UInt64
    var articles: Int
    /// Related articles stored per article: the longest list `GET /v1/articles/{id}/related` can return.
    var neighbours: Int
    /// `exact` or `dense-candidates`.
    var method: String
    var indexPath: String
    /// The editorial overrides file in use (`<index>.overrides.json`), absent when there is none.
    var overridesPath: String?
    /// When the index file was written (its modification time), ISO 8601.
    var fileModifiedAt: String?
    /// When this index started serving, ISO 8601.
    var loadedAt: String
    /// How long opening and verifying the file took.
    var loadSeconds: Double

    init(_ snapshot: IndexSnapshot) {
        let metadata = snapshot.index.metadata
        generation = metadata.generation
        articles = metadata.articleCount
        neighbours = metadata.neighbours
        method = metadata.method
        indexPath = snapshot.index.path
        overridesPath = snapshot.overridesPath
        fileModifiedAt = snapshot.files.index?.modified.ISO8601Format()
        loadedAt = snapshot.loadedAt.ISO8601Format()
        loadSeconds = (snapshot.loadDuration.seconds * 1e6).rounded() / 1e6
    }
}
