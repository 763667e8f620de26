internal import Foundation

/// Writes related lists as JSON Lines: `{"id": ..., "related": [{"id": ..., "score": ...}]}`, best first, one
/// article a line, in index order (the format `evaluate.py` scores).
public enum RelatedExport {
    /// One article's list.
    public struct Line: Sendable, Encodable {
        /// One entry of the list.
        public struct Entry: Sendable, Encodable {
            public var id: String
            public var score: Float
        }
        public var id: String
        public var related: [Entry]
    }

    /// The stored lists of `index`, at most `limit` entries each.
    public static func storedLines(_ index: RecommendIndex, limit: Int) throws -> [Line] {
        try (0..<index.count).map { i in
            Line(
                id: index.id(i),
                related: try index.related(to: i, limit: limit).map { Line.Entry(id: $0.article.id, score: $0.score) })
        }
    }

    /// Writes `lines` to `path` (`-` for standard output).
    public static func write(_ lines: [Line], to path: String) throws {
        let encoder = JSONCoding.encoder
        var out = Data()
        for line in lines {
            out.append(try encoder.encode(line))
            out.append(10)
        }
        try write(out, to: path)
    }

    /// Writes `data` to `path` (`OutputFile`: atomically, or through `-`, a device or a FIFO).
    static func write(_ data: Data, to path: String) throws {
        try OutputFile.write(Array(data), to: path)
    }
}
