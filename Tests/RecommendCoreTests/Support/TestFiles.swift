import Foundation

@testable import RecommendCore

/// A reproducible synthetic corpus: `topics` topics, each with its own vocabulary, plus shared filler words.
/// Articles of one topic draw most of their words from it, so related lists have a right answer.
func syntheticArticles(count: Int, topics: Int, seed: UInt64 = 7) -> [Article] {
    var random = SeededRandom(seed: seed)
    func word(_ prefix: String, _ i: Int) -> String {
        let letters = Array("bcdfghjklmnprstvz")
        var s = prefix
        var v = i + 1
        while v > 0 {
            s.append(letters[v % letters.count])
            s.append("a")
            v /= letters.count
        }
        return s
    }
    let shared = (0..<300).map { word("q", $0) }
    let vocab = (0..<topics).map { t in (0..<60).map { word("t\(t)x", $0) } }
    return (0..<count).map { i in
        let topic = Int(random.next() % UInt64(topics))
        func draw(_ n: Int) -> String {
            (0..<n).map { _ in
                random.next() % 10 < 6 ? vocab[topic][Int(random.next() % 60)] : shared[Int(random.next() % 300)]
            }.joined(separator: " ")
        }
        return Article(
            id: "s\(i)", title: draw(5), body: draw(60 + Int(random.next() % 60)), category: "topic\(topic)",
            labels: ["topic\(topic)"])
    }
}
