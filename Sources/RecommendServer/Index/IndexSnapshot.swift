internal import Foundation
internal import Logging
internal import RecommendCore

/// One loaded index, complete and immutable: the related lists and article table, the ranker that applies the
/// query controls and the editorial overrides to them, and the model for unseen text. A request reads one
/// snapshot from start to end, so its answer never mixes two files.
struct IndexSnapshot: Sendable {
    /// The opened index (related lists, articles, topics).
    var index: RecommendIndex { ranker.index }
    /// Answers related-list queries with their controls, with the overrides file beside the index (if any) and
    /// the article vectors loaded (explanations, diversity).
    let ranker: RelatedRanker
    /// The vocabulary and vectors of the same file, for text that is not in the index.
    let searcher: TextSearcher
    /// When the snapshot started serving.
    let loadedAt: Date
    /// How long opening and verifying the files took.
    let loadDuration: Duration
    /// The index and overrides files it was loaded from, as they were seen just before opening.
    let files: WatchedFiles
    /// Rules of the overrides file that name ids the index does not hold (they are ignored).
    let overridesWarnings: [String]
    /// The version of the overrides file served (`OverridesStore.version(of:)`, `none` without one).
    let overridesVersion: String

    /// The generation the nightly job wrote into the index.
    var generation: UInt64 { index.metadata.generation }

    /// The overrides file in use, if there is one beside the index.
    var overridesPath: String? {
        files.overrides == nil ? nil : RelatedOverrides.defaultPath(forIndex: files.indexPath)
    }

    /// Reads the index at `path` into memory of its own (whatever is done to the file afterwards, the snapshot
    /// answers from the bytes it verified), loads its model and reads the overrides file beside it
    /// (`<path>.overrides.json`) if there is one, so that every section's checksum and structure and every
    /// overrides rule is verified before the snapshot is used.
    /// The embedding model of an index built with an embedding channel is read from `modelsDirectory`.
    /// - Throws: `IndexFileError` when the index is missing, truncated or corrupt anywhere; `EmbeddingError` when
    ///   its embedding model is missing, another or damaged; `OverridesError` when the overrides file cannot be
    ///   read or has a bad rule.
    /// - Complexity: O(file size): every section is checksummed and the vectors are copied into memory once,
    ///   shared by unseen text and by explanations and diversity.
    static func load(path: String, modelsDirectory: String) throws -> IndexSnapshot {
        let clock = ContinuousClock()
        let start = clock.now
        let files = WatchedFiles(indexPath: path)
        let index = try RecommendIndex(path: path, residence: .copied)
        try index.verify()
        let model = try index.loadModel()
        let embedder = try ArticleEmbedder.load(forIndex: index.metadata, at: path, in: modelsDirectory)
        let searcher = try TextSearcher(index: index, model: model, embedder: embedder, partitioned: true)
        let overridesPath = RelatedOverrides.defaultPath(forIndex: path)
        let overridesBytes: [UInt8]?
        do {
            overridesBytes = files.overrides == nil ? nil : Array(try Data(contentsOf: URL(fileURLWithPath: overridesPath)))
        } catch {
            throw OverridesError.unreadable(path: overridesPath, reason: (error as NSError).localizedDescription)
        }
        let overrides =
            try overridesBytes.map { try RelatedOverrides(json: $0, path: overridesPath, index: index) } ?? .none
        let ranker = RelatedRanker(index: index, overrides: overrides, model: model)
        return IndexSnapshot(
            ranker: ranker, searcher: searcher, loadedAt: Date(), loadDuration: clock.now - start, files: files,
            overridesWarnings: overrides.warnings, overridesVersion: OverridesStore.version(of: overridesBytes))
    }

    /// This snapshot with other overrides, as an editor saved them: same index, vectors and load time.
    func replacingOverrides(_ overrides: RelatedOverrides, version: String) -> IndexSnapshot {
        var files = files
        files.overrides = FileIdentity(path: RelatedOverrides.defaultPath(forIndex: files.indexPath))
        return IndexSnapshot(
            ranker: ranker.replacingOverrides(overrides), searcher: searcher, loadedAt: loadedAt,
            loadDuration: loadDuration, files: files, overridesWarnings: overrides.warnings,
            overridesVersion: version)
    }

    /// Logs, at `warning`, each overrides rule that was ignored because it names an id the index does not hold.
    func logOverridesWarnings(to logger: Logger) {
        for warning in overridesWarnings {
            logger.warning("overrides rule ignored", metadata: ["warning": "\(warning)"])
        }
    }
}
