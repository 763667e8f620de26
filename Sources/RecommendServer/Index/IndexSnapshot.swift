internal import Foundation
internal import RecommendCore

/// One loaded index, complete and immutable: the related lists and article table together with the model for
/// unseen text. A request reads one snapshot from start to end, so its answer never mixes two files.
struct IndexSnapshot: Sendable {
    /// The opened index (related lists, articles).
    let index: RecommendIndex
    /// The vocabulary and vectors of the same file, for text that is not in the index.
    let searcher: TextSearcher
    /// When the snapshot started serving.
    let loadedAt: Date
    /// How long opening and verifying the file took.
    let loadDuration: Duration
    /// The file it was loaded from, as it was seen just before opening.
    let identity: FileIdentity?

    /// The generation the nightly job wrote into the index.
    var generation: UInt64 { index.metadata.generation }

    /// Opens the index at `path` and loads its model, so that every section's checksum and structure is
    /// verified before the snapshot is used.
    /// - Throws: `IndexFileError` when the file is missing, truncated or corrupt anywhere.
    /// - Complexity: O(file size): every section is checksummed and the vectors are copied into memory.
    static func load(path: String) throws -> IndexSnapshot {
        let clock = ContinuousClock()
        let start = clock.now
        let identity = FileIdentity(path: path)
        let index = try RecommendIndex(path: path)
        let searcher = try TextSearcher(index: index)
        return IndexSnapshot(
            index: index, searcher: searcher, loadedAt: Date(), loadDuration: clock.now - start, identity: identity)
    }
}
