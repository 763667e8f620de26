/// An article id as a key: equal and hashed over its UTF-8 bytes.
///
/// Ids are keys from a content system, not text: `café` written with U+00E9 and `cafe` + U+0301 are two ids.
/// Swift's `String` compares (and hashes, as a `Dictionary` or `Set` key) by canonical equivalence and would
/// make them one, so every place that keys or compares ids goes through this type; the index file's id lookup
/// compares the same bytes (`RecommendIndex.index(of:)`).
public struct ArticleID: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as the feed wrote it.
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public init(stringLiteral text: String) {
        self.text = text
    }

    public static func == (a: ArticleID, b: ArticleID) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public var description: String { text }
}

extension Article {
    /// The article's id as a byte-exact key.
    public var key: ArticleID { ArticleID(id) }
}
