internal import Foundation
internal import RecommendCore

/// A `TopicMap` drawn as SVG: one disc per topic, its area proportional to its articles, labelled with its first
/// label terms and linked to its page. Text is escaped for XML; the drawing fits a fixed view box and scales to
/// the page's width.
struct TopicMapDrawing {
    let map: TopicMap
    /// Articles per topic id.
    let sizes: [Int: Int]

    static let width = 800.0
    static let height = 560.0
    static let margin = 70.0

    var svg: String {
        let points = map.points
        let xs = points.map(\.x)
        let ys = points.map(\.y)
        let (minX, maxX) = (xs.min() ?? 0, xs.max() ?? 1)
        let (minY, maxY) = (ys.min() ?? 0, ys.max() ?? 1)
        let spanX = max(maxX - minX, 1e-9)
        let spanY = max(maxY - minY, 1e-9)
        let largest = Double(sizes.values.max() ?? 1)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" \
            role="img" aria-labelledby="map-title"><title id="map-title">Topic map: \(points.count) topics</title>\
            <rect width="100%" height="100%" fill="#fff" stroke="#999"/>
            """
        // Discs largest first, so that small ones are drawn on top and stay clickable; then every label above
        // every disc.
        var labels = ""
        for point in points.sorted(by: { (sizes[$0.topic.id] ?? 0) > (sizes[$1.topic.id] ?? 0) }) {
            let size = Double(sizes[point.topic.id] ?? 0)
            let x = Self.margin + (point.x - minX) / spanX * (Self.width - 2 * Self.margin)
            let y = Self.margin + (point.y - minY) / spanY * (Self.height - 2 * Self.margin)
            let r = 8 + 42 * (size / largest).squareRoot()
            let label = Self.escaped(point.topic.labelTerms.prefix(2).joined(separator: ", "))
            let name = point.topic.name
            out += """
                <a href="/topics/\(name)"><title>\(name): \(label) (\(Int(size)) articles)</title>\
                <circle cx="\(Self.number(x))" cy="\(Self.number(y))" r="\(Self.number(r))" fill="#dde6f3" \
                fill-opacity="0.85" stroke="#1a1a1a" stroke-width="1.5"/></a>
                """
            labels += """
                <a href="/topics/\(name)"><text x="\(Self.number(x))" y="\(Self.number(y + r + 15))" \
                text-anchor="middle" font-size="13" font-family="system-ui,sans-serif" fill="#1a1a1a" \
                stroke="#fff" stroke-width="3" paint-order="stroke">\(label)</text></a>
                """
        }
        out += labels
        return out + "</svg>"
    }

    private static func number(_ x: Double) -> String { String(format: "%.1f", x) }

    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
