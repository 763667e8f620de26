internal import Foundation

/// Writes every article's topic as JSON Lines, `{"cluster": "t7", "id": ...}` (`null` for an article without a
/// topic), one article a line in index order: the clusters format `evaluate.py` scores.
public enum TopicExport {
    struct Line: Encodable {
        var id: String
        var cluster: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(cluster, forKey: .cluster)
        }

        enum CodingKeys: String, CodingKey { case id, cluster }
    }

    /// Writes the topics of `index` to `path` (`-` for standard output).
    /// - Throws: `QueryError.noTopics` for an index without topics; file errors.
    public static func write(_ index: RecommendIndex, to path: String) throws {
        _ = try index.topics()
        let encoder = JSONCoding.encoder
        var out = Data()
        for i in 0..<index.count {
            out.append(try encoder.encode(Line(id: index.article(i).id, cluster: index.topic(ofArticle: i)?.name)))
            out.append(10)
        }
        try RelatedExport.write(out, to: path)
    }
}
