/// How the topic clusters changed between two generations.
///
/// PLACEHOLDER for the topic clusters (built on the `topics` branch): the reindex report carries this field so
/// that monitoring can rely on its place; it stays `nil` until the clusters are computed during a reindex, which
/// will fill in the counts below (and may add examples).
public struct TopicChanges: Sendable, Codable, Equatable {
    /// Topics with no counterpart in the previous generation.
    public var born: Int
    /// Previous topics with no counterpart now.
    public var died: Int
    /// Previous topics that joined into one.
    public var merged: Int
    /// Previous topics that came apart into several.
    public var split: Int

    public init(born: Int, died: Int, merged: Int, split: Int) {
        self.born = born
        self.died = died
        self.merged = merged
        self.split = split
    }
}
