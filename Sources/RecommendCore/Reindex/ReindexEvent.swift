/// What a running reindex tells its caller, for progress output.
public enum ReindexEvent: Sendable {
    /// A phase ended: `count` things (`unit`: "articles", "bytes", "lists") in `seconds`.
    case phase(name: String, count: Int, unit: String, seconds: Double)
    /// Something worth knowing, e.g. a fallback to a full rebuild.
    case note(String)
}
