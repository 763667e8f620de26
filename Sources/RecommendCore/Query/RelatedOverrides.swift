internal import Foundation

/// Editorial pins and blocks, applied when a list is asked for, so editors need no rebuild. The file is a
/// JSON array, one object per rule:
///
/// ```json
/// [
///   {"pin": "a172", "for": "a067", "position": 1},
///   {"block": "a056", "for": "a067"},
///   {"block": "a099"}
/// ]
/// ```
///
/// * `pin` + `for` (+ `position`, 1-based, default 1): always show `pin` in the list of `for` at that place
///   (at the end when the list is shorter), whatever the filters, recency or diversity say.
/// * `block` + `for`: never show `block` in the list of `for`.
/// * `block` alone: never show `block` in any list.
///
/// A block wins over a pin. Unknown keys are refused (a mistyped `for` must not turn a block into a block
/// everywhere). Ids that are not in the index are reported in `warnings` and otherwise ignored, so an
/// article removed by a rebuild does not make the file unusable.
public struct RelatedOverrides: Sendable, Equatable {
    /// Pinned articles per query article: (1-based position, article), by position.
    var pins: [Int: [Pin]] = [:]
    /// Articles blocked per query article.
    var blocked: [Int: Set<Int>] = [:]
    /// Articles blocked in every list.
    var blockedEverywhere: Set<Int> = []
    /// Rules naming ids the index does not hold, as `file:line: ...` messages.
    public private(set) var warnings: [String] = []

    struct Pin: Sendable, Equatable {
        var position: Int
        var article: Int
    }

    /// No overrides.
    public static let none = RelatedOverrides()

    private init() {}

    /// Whether there is no rule at all.
    public var isEmpty: Bool { pins.isEmpty && blocked.isEmpty && blockedEverywhere.isEmpty }

    /// The file the CLI and the service read next to an index when no other is named: `<index>.overrides.json`.
    public static func defaultPath(forIndex index: String) -> String { index + ".overrides.json" }

    /// Reads the overrides at `path`, resolving ids against `index`.
    /// - Throws: `OverridesError` naming the line and entry of the first bad rule.
    public init(path: String, index: RecommendIndex) throws(OverridesError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(json: Array(data), path: path, index: index)
    }

    /// Parses overrides from JSON bytes; `path` is used in messages.
    /// - Throws: `OverridesError`.
    public init(json: [UInt8], path: String, index: RecommendIndex) throws(OverridesError) {
        let lines = Self.entryLines(json)
        func line(_ entry: Int) -> Int { entry < lines.count ? lines[entry] : 1 }
        let rules = try Self.rules(json: json, path: path)
        for (n, rule) in rules.enumerated() {
            func resolve(_ id: String) throws(OverridesError) -> Int? {
                do throws(IndexFileError) {
                    if let i = try index.index(of: id) { return i }
                } catch {
                    throw .damagedIndex(error)
                }
                warnings.append(
                    "\(path):\(line(n)): overrides entry \(n + 1): no article '\(id)' in the index; rule ignored")
                return nil
            }
            switch rule {
            case .pin(let article, let query, let position):
                guard let a = try resolve(article), let q = try resolve(query) else { continue }
                pins[q, default: []].append(Pin(position: position, article: a))
            case .block(let article, nil):
                if let a = try resolve(article) { blockedEverywhere.insert(a) }
            case .block(let article, let query?):
                guard let a = try resolve(article), let q = try resolve(query) else { continue }
                blocked[q, default: []].insert(a)
            }
        }
        for q in pins.keys { pins[q]?.sort { $0.position < $1.position } }
    }

    /// The rules of an overrides file, in file order, checked for form but not against an index.
    /// - Throws: `OverridesError.malformed` or `OverridesError.badEntry` naming the line of the first bad rule.
    public static func rules(json: [UInt8], path: String) throws(OverridesError) -> [Rule] {
        do {
            return try JSONCoding.decode([Rule].self, from: json)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw .malformed(path: path, detail: context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        } catch let error as DecodingError {
            guard let entry = Self.entry(of: error) else { throw .malformed(path: path, detail: Self.describe(error)) }
            let lines = Self.entryLines(json)
            throw .badEntry(
                path: path, entry: entry + 1, line: entry < lines.count ? lines[entry] : 1, detail: Self.describe(error))
        } catch {
            throw .malformed(path: path, detail: "\(error)")
        }
    }

    /// `rules` in the file's format: a JSON array, one rule a line.
    public static func json(_ rules: [Rule]) -> [UInt8] {
        guard !rules.isEmpty else { return Array("[]\n".utf8) }
        let lines = rules.map { rule in
            // Encoding strings and integers cannot fail.
            (try? JSONCoding.line(rule)) ?? ""
        }
        return Array(("[\n  " + lines.joined(separator: ",\n  ") + "\n]\n").utf8)
    }

    /// Whether `article` may appear in the list of `query`.
    func allows(_ article: Int, in query: Int) -> Bool {
        !blockedEverywhere.contains(article) && blocked[query]?.contains(article) != true
    }

    /// One rule of the file.
    public enum Rule: Sendable, Equatable, Codable {
        /// Show `article` at `position` (1-based) in the list of `for`.
        case pin(article: String, for: String, position: Int)
        /// Never show `article` in the list of `for`, or in any list when `for` is nil.
        case block(article: String, for: String?)

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
            static let pin = Key(stringValue: "pin")
            static let block = Key(stringValue: "block")
            static let `for` = Key(stringValue: "for")
            static let position = Key(stringValue: "position")
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            switch self {
            case .pin(let article, let query, let position):
                try c.encode(article, forKey: .pin)
                try c.encode(query, forKey: .for)
                try c.encode(position, forKey: .position)
            case .block(let article, let query):
                try c.encode(article, forKey: .block)
                try c.encodeIfPresent(query, forKey: .for)
            }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            func fail(_ message: String) -> DecodingError {
                .dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: message))
            }
            let allowed: Set<String> = ["pin", "block", "for", "position"]
            if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
                throw fail("unknown key '\(unknown)' (expected pin, block, for, position)")
            }
            let pin = try c.decodeIfPresent(String.self, forKey: .pin)
            let block = try c.decodeIfPresent(String.self, forKey: .block)
            let query = try c.decodeIfPresent(String.self, forKey: .for)
            let position = try c.decodeIfPresent(Int.self, forKey: .position)
            switch (pin, block) {
            case (let article?, nil):
                guard let query else { throw fail("a pin needs \"for\": the article whose list shows it") }
                guard (position ?? 1) >= 1 else { throw fail("position must be 1 or more, not \(position ?? 1)") }
                self = .pin(article: article, for: query, position: position ?? 1)
            case (nil, let article?):
                guard position == nil else { throw fail("a block has no position") }
                self = .block(article: article, for: query)
            case (nil, nil): throw fail("expected \"pin\" or \"block\"")
            case (_?, _?): throw fail("an entry is either a pin or a block, not both")
            }
        }
    }

    /// The 0-based entry a decoding error is about.
    private static func entry(of error: DecodingError) -> Int? {
        let path: [any CodingKey]
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
            path = c.codingPath
        @unknown default: return nil
        }
        return path.first?.intValue
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let c): c.debugDescription
        case .typeMismatch(let type, let c), .valueNotFound(let type, let c):
            if let key = c.codingPath.last, key.intValue == nil {
                "'\(key.stringValue)' must be \(type == Int.self ? "a whole number" : "a string")"
            } else {
                "expected an object with \"pin\" or \"block\""
            }
        case .keyNotFound(let key, _): "missing '\(key.stringValue)'"
        @unknown default: "\(error)"
        }
    }

    /// The 1-based line on which each element of the top-level array starts.
    static func entryLines(_ json: [UInt8]) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var expectingElement = false
        for byte in json {
            if byte == 10 { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 92 {
                    escaped = true
                } else if byte == 34 {
                    inString = false
                }
                continue
            }
            let blank = byte == 32 || byte == 9 || byte == 10 || byte == 13
            if depth == 1, expectingElement, !blank, byte != 93 {
                lines.append(line)
                expectingElement = false
            }
            switch byte {
            case 34: inString = true
            case 91, 123:
                depth += 1
                if depth == 1 { expectingElement = true }
            case 93, 125: depth -= 1
            case 44: if depth == 1 { expectingElement = true }
            default: break
            }
        }
        return lines
    }
}
