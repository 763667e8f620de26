internal import HTTPTypes

extension HTTPField.Name {
    /// The generation of the index that answered (see `IndexMetadata.generation`).
    static let indexGeneration = Self("X-Index-Generation")!
    /// Set when fewer related articles were returned than asked for because the index stores fewer.
    static let relatedTruncated = Self("X-Related-Truncated")!
}
