/// The index terms, sorted, each with the surface form readers see and its inverse document
/// frequency in each field (0 where the term is not part of that field's vocabulary).
///
/// One vocabulary serves both fields: a query is analysed once, explanations and topic labels speak of
/// one term whether it matched in the headline or the body, and the dense representation has one column
/// space per field over the same ids. Document-frequency limits still apply per field, because a word's
/// weight in headlines and in bodies differ.
public struct Vocabulary: Sendable, Equatable {
    /// Index terms (stems when stemming is on), ascending; a term's position is its id.
    public let terms: [String]
    /// The commonest surface form of each term, for people ("elections" rather than "elect").
    public let displayForms: [String]
    /// Inverse document frequency of each term in headlines.
    public let titleIDF: [Float]
    /// Inverse document frequency of each term in bodies.
    public let bodyIDF: [Float]

    public init(terms: [String], displayForms: [String], titleIDF: [Float], bodyIDF: [Float]) {
        precondition(terms.count == displayForms.count && terms.count == titleIDF.count && terms.count == bodyIDF.count)
        self.terms = terms
        self.displayForms = displayForms
        self.titleIDF = titleIDF
        self.bodyIDF = bodyIDF
    }

    /// The number of terms.
    public var count: Int { terms.count }

    /// The id of `term`, by binary search over the sorted terms.
    /// - Complexity: O(log count).
    public func id(of term: String) -> Int32? {
        var low = 0
        var high = terms.count
        while low < high {
            let mid = (low + high) / 2
            if terms[mid] < term { low = mid + 1 } else { high = mid }
        }
        return low < terms.count && terms[low] == term ? Int32(low) : nil
    }
}
