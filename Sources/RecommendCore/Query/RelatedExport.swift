internal import Foundation

/// Writes every article's related list as JSON Lines: `{"id": ..., "related": [{"id": ..., "score": ...}]}`,
/// best first, one article a line, in index order (the format `evaluate.py` scores).
public enum RelatedExport {
    struct Line: Encodable {
        struct Entry: Encodable {
            var id: String
            var score: Float
        }
        var id: String
        var related: [Entry]
    }

    /// Writes the lists of `index`, at most `limit` entries each, to `path` (`-` for standard output).
    public static func write(_ index: RecommendIndex, limit: Int, to path: String) throws {
        let encoder = JSONCoding.encoder
        var out = Data()
        for i in 0..<index.count {
            let line = Line(
                id: index.article(i).id,
                related: try index.related(to: i, limit: limit).map { Line.Entry(id: $0.article.id, score: $0.score) })
            out.append(try encoder.encode(line))
            out.append(10)
        }
        try write(out, to: path)
    }

    /// Writes `data` to `path` atomically, or to standard output for `-`.
    static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
        } else {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }
}
