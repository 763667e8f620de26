internal import Foundation

/// Words for topics: class-based TF-IDF over the articles' TF-IDF vectors, and term-space centroids.
///
/// A topic's profile is the mean of its articles' field-weighted TF-IDF vectors (`ScoreModel.fieldScales`, the
/// weighting of the dense space). A term scores
/// `profile(t, c) × ln(1 + A / Σc' profile(t, c'))` (the c-TF-IDF of Grootendorst's BERTopic, on weights instead
/// of counts), `A` the mean profile mass per topic: strong in the topic and rare in the others. Labels skip stop words, numbers and terms under three letters, and
/// show each term's commonest surface form.
struct TopicLabeler {
    let vocabulary: Vocabulary
    /// The field weighting of the profiles.
    let model: ScoreModel

    /// The profiles of `clusters` topics, row-major `clusters x terms`.
    /// - Complexity: O(entries of the vectors + clusters × terms).
    func profiles(_ vectors: FieldVectors, assignments: [Int32], clusters: Int) -> [Float] {
        let terms = vocabulary.count
        var profile = vectors.clusterSums(
            model: model, assignments: assignments, clusters: clusters, termMajor: false)
        var sizes = [Int](repeating: 0, count: clusters)
        for a in assignments where a >= 0 { sizes[Int(a)] += 1 }
        for c in 0..<clusters where sizes[c] > 0 {
            let scale = 1 / Float(sizes[c])
            for t in 0..<terms { profile[c * terms + t] *= scale }
        }
        return profile
    }

    /// The `count` best label terms of each topic, as surface forms.
    /// - Complexity: O(clusters × terms × log count).
    func labels(profiles: [Float], clusters: Int, count: Int) -> [[String]] {
        let terms = vocabulary.count
        guard clusters > 0, terms > 0 else { return Array(repeating: [], count: clusters) }
        var total = [Float](repeating: 0, count: terms)
        var mass: Float = 0
        for c in 0..<clusters {
            for t in 0..<terms {
                total[t] += profiles[c * terms + t]
                mass += profiles[c * terms + t]
            }
        }
        let average = mass / Float(clusters)
        let readable = (0..<terms).map { Self.isReadable(vocabulary.displayForms[$0]) }
        return (0..<clusters).map { c in
            var top = TopK(capacity: count * 2)
            for t in 0..<terms where readable[t] && profiles[c * terms + t] > 0 {
                top.insert(profiles[c * terms + t] * log(1 + average / total[t]), Int32(t))
            }
            var seen = Set<String>()
            var words: [String] = []
            for entry in top.sorted() where words.count < count {
                let word = vocabulary.displayForms[Int(entry.index)]
                if seen.insert(word.lowercased()).inserted { words.append(word) }
            }
            return words
        }
    }

    /// Each profile cut to its `count` strongest terms and normalised: the topic centroids in term space.
    /// - Complexity: O(clusters × terms × log count).
    func centroids(profiles: [Float], clusters: Int, count: Int) -> SparseMatrix {
        let terms = vocabulary.count
        var rowStart = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        for c in 0..<clusters {
            var top = TopK(capacity: count)
            for t in 0..<terms where profiles[c * terms + t] > 0 { top.insert(profiles[c * terms + t], Int32(t)) }
            let kept = top.sorted().sorted { $0.index < $1.index }
            let norm = kept.reduce(Float(0)) { $0 + $1.score * $1.score }.squareRoot()
            for entry in kept {
                columns.append(entry.index)
                values.append(entry.score / norm)
            }
            rowStart.append(columns.count)
        }
        return SparseMatrix(rowStart: rowStart, columns: columns, values: values, columnCount: terms)
    }

    /// A word worth showing: not a stop word, at least three characters, at least one letter and not a number.
    static func isReadable(_ word: String) -> Bool {
        word.unicodeScalars.count >= 3 && word.unicodeScalars.contains { $0.properties.isAlphabetic }
            && !StopWords.english.contains(word.lowercased())
    }
}
