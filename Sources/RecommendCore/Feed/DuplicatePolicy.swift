/// What to do when two lines of the input carry the same id.
public enum DuplicatePolicy: String, Sendable, Codable, CaseIterable {
    /// Stop with an error naming both lines (the default: a feed with duplicates is usually a bug).
    case fail
    /// Keep the later line, report the earlier one as replaced.
    case lastWins = "last-wins"
}
