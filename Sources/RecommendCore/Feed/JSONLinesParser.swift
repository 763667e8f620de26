internal import Foundation

/// Splits JSON Lines bytes into articles, one line at a time, in parallel.
enum JSONLinesParser {
    /// Every article of the file at `path` in line order, with the issues of the lines that were skipped.
    ///
    /// A thread of its own reads (and inflates) the file in blocks of whole lines while the calling thread parses
    /// the blocks already read, so decompression, which is sequential, overlaps with parsing. At most two blocks
    /// wait between them.
    /// - Throws: `FeedError.unreadable` when the file cannot be read; lines already parsed are then discarded.
    static func parse(file path: String, blockSize: Int = 8 << 20) throws -> [ParsedLine] {
        enum Message: Sendable {
            case block([UInt8], firstLine: Int)
            case end
            case failed(FeedError)
        }
        let channel = BoundedChannel<Message>(capacity: 2)
        Thread {
            do {
                try InputFile.forEachBlock(path, blockSize: blockSize) { channel.put(.block($0, firstLine: $1)) }
                channel.put(.end)
            } catch {
                channel.put(.failed(error as? FeedError ?? .unreadable(file: path, reason: "\(error)")))
            }
        }.start()
        var parsed: [ParsedLine] = []
        while true {
            switch channel.take() {
            case .block(let bytes, let firstLine): parsed += parse(bytes, file: path, firstLine: firstLine)
            case .end: return parsed
            case .failed(let error): throw error
            }
        }
    }

    /// Every article of `bytes` in line order, with the issues of the lines that were skipped; the first line
    /// of `bytes` is line `firstLine` of `file`. Blank lines are ignored; every other line yields an article or
    /// an issue, never nothing.
    static func parse(_ bytes: [UInt8], file: String, firstLine: Int = 1) -> [ParsedLine] {
        let lines = LineSplitter.lines(of: bytes, firstLine: firstLine)
        return ParallelMap.chunked(count: lines.count, chunkSize: 512) { range in
            var out: [ParsedLine] = []
            out.reserveCapacity(range.count)
            for index in range {
                let (lineNumber, span) = lines[index]
                let location = FeedLocation(file: file, line: lineNumber)
                out.append(parseLine(bytes[span], at: location))
            }
            return out
        }
    }

    private static func parseLine(_ line: ArraySlice<UInt8>, at location: FeedLocation)
        -> ParsedLine
    {
        var issues: [FeedIssue] = []
        guard String(validating: line, as: UTF8.self) != nil else {
            issues.append(FeedIssue(location: location, reason: .invalidUTF8, detail: "the line is not valid UTF-8"))
            return ParsedLine(location: location, article: nil, issues: issues)
        }
        let record: ArticleRecord
        do {
            record = try JSONCoding.decode(ArticleRecord.self, from: line)
        } catch {
            // JSON text may escape a lone UTF-16 surrogate, which no string can hold: keep the text, marked.
            if let (repaired, count) = replacingUnpairedSurrogates(line),
                let decoded = try? JSONCoding.decode(ArticleRecord.self, from: repaired)
            {
                record = decoded
                issues.append(
                    FeedIssue(
                        location: location, reason: .replacedCharacter,
                        detail: "\(count) unpaired surrogate escape(s) replaced by U+FFFD"))
            } else {
                issues.append(FeedIssue(location: location, reason: .malformed, detail: describe(error)))
                return ParsedLine(location: location, article: nil, issues: issues)
            }
        }
        let article = record.validated(at: location, issues: &issues)
        return ParsedLine(location: location, article: article, issues: issues)
    }

    /// The line with every `\uXXXX` escape of a lone UTF-16 surrogate (a high one not followed by a low one, or a
    /// low one alone) replaced by `\ufffd`, and how many there were; nil when there is none.
    /// - Complexity: O(line length).
    static func replacingUnpairedSurrogates(_ line: ArraySlice<UInt8>) -> ([UInt8], Int)? {
        let b = Array(line)
        func unit(at i: Int) -> UInt32? {
            guard i + 6 <= b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u"),
                let text = String(bytes: b[(i + 2)..<(i + 6)], encoding: .ascii)
            else { return nil }
            return UInt32(text, radix: 16)
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var replaced = 0
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "\\"), i + 1 < b.count else {
                out.append(b[i])
                i += 1
                continue
            }
            guard let u = unit(at: i) else {
                out += b[i...(i + 1)]  // any other escape, `\\` included, is two bytes that stay as they are
                i += 2
                continue
            }
            if (0xD800...0xDBFF).contains(u), let next = unit(at: i + 6), (0xDC00...0xDFFF).contains(next) {
                out += b[i..<(i + 12)]
                i += 12
            } else if (0xD800...0xDFFF).contains(u) {
                out += Array("\\ufffd".utf8)
                replaced += 1
                i += 6
            } else {
                out += b[i..<(i + 6)]
                i += 6
            }
        }
        return replaced > 0 ? (out, replaced) : nil
    }

    /// What is wrong with a line that did not decode: the field and the value's problem when one field is to
    /// blame, else why the line is not a JSON object.
    private static func describe(_ error: any Error) -> String {
        func field(_ path: [any CodingKey]) -> String {
            path.first.map { "field '\($0.stringValue)': " } ?? "not a JSON object: "
        }
        switch error {
        case DecodingError.dataCorrupted(let context):
            return field(context.codingPath)
                + (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        case DecodingError.typeMismatch(_, let context):
            return field(context.codingPath) + context.debugDescription
        default:
            return "not a JSON object: \(error)"
        }
    }
}

/// The outcome of one input line: an article, issues, or both (an article kept with a warning).
struct ParsedLine: Sendable {
    var location: FeedLocation
    var article: Article?
    var issues: [FeedIssue]
}

/// Finds the lines of a byte buffer.
enum LineSplitter {
    /// The non-blank lines of `bytes` as (line number, counting the first as `firstLine`; byte range without
    /// the line break).
    static func lines(of bytes: [UInt8], firstLine: Int = 1) -> [(Int, Range<Int>)] {
        var result: [(Int, Range<Int>)] = []
        var start = 0
        var number = firstLine
        bytes.withUnsafeBufferPointer { b in
            func add(_ end: Int) {
                var e = end
                if e > start, b[e - 1] == 13 { e -= 1 }
                var blank = true
                for k in start..<e where b[k] != 32 && b[k] != 9 {
                    blank = false
                    break
                }
                if !blank { result.append((number, start..<e)) }
            }
            for i in 0..<b.count where b[i] == 10 {
                add(i)
                start = i + 1
                number += 1
            }
            if start < b.count { add(b.count) }
        }
        return result
    }
}
