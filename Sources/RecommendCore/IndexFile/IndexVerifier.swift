/// Reads and checks every byte of an index file, as Lucene's CheckIndex or SQLite's `PRAGMA integrity_check`
/// do: the header, the section table, every section's checksum and every block checksum, then each section's
/// structure and the references between sections (list entries pointing at real articles, id order, vocabulary
/// order, near-duplicate groups, topic members, the sections the configuration calls for). A damaged section
/// is reported by its checksum and left out of the structural checks, so each problem is named once.
public enum IndexVerifier {
    /// Checks the file at `path`.
    /// - Complexity: O(file size + articles × list width + vocabulary × log vocabulary).
    public static func verify(_ path: String) -> IndexVerification {
        var report = IndexVerification(path: path)
        let sections: IndexSections
        do {
            sections = try IndexSections(path: path)
        } catch {
            if case .unreadable = error { report.readable = false }
            report.problems.append(problem(for: error))
            return report
        }
        report.formatVersion = sections.version
        report.sections = sections.entries.map { .init(tag: $0.name, offset: $0.offset, bytes: $0.length) }
        var damaged = Set<String>()
        for entry in sections.entries {
            if entry.kind == nil {
                report.problems.append(.init(section: entry.name, detail: "a section this format does not define"))
                damaged.insert(entry.name)
            } else if !sections.wholeChecksumMatches(entry) {
                report.problems.append(.init(section: entry.name, detail: "checksum mismatch"))
                damaged.insert(entry.name)
            } else if entry.kind != .blockChecksums, let blocks = sections.damagedBlocks(entry), !blocks.isEmpty {
                report.problems.append(
                    .init(section: entry.name, detail: "block checksum mismatch in block(s) \(blocks.prefix(5))"))
                damaged.insert(entry.name)
            }
        }
        var checker = StructureChecker(sections: sections, damaged: damaged)
        checker.run()
        report.articles = checker.metadata?.articleCount
        report.terms = checker.metadata?.termCount
        report.problems += checker.problems
        return report
    }

    private static func problem(for error: IndexFileError) -> IndexVerification.Problem {
        switch error {
        case .unreadable(_, let reason): .init(section: "file", detail: "cannot be read: \(reason)")
        case .notAnIndex: .init(section: "header", detail: "not a recommend index (wrong magic number)")
        case .unsupportedVersion(_, let found, let supported):
            .init(section: "header", detail: "format version \(found); this build reads up to \(supported)")
        case .truncated(_, let expected, let actual):
            .init(section: "file", detail: "truncated or extended: the header says \(expected) bytes, file has \(actual)")
        case .checksumMismatch(_, let part):
            .init(
                section: part.hasPrefix("section ") && part != "section table" ? String(part.dropFirst(8)) : part,
                detail: "checksum mismatch")
        case .malformed(_, let detail): .init(section: "section table", detail: detail)
        case .missingSection(_, let section): .init(section: section, detail: "missing")
        case .writeFailed(_, let reason): .init(section: "file", detail: reason)
        }
    }
}

/// The structural and cross-reference checks of `IndexVerifier`, over sections whose checksums matched.
private struct StructureChecker {
    let sections: IndexSections
    let damaged: Set<String>
    var problems: [IndexVerification.Problem] = []
    var metadata: IndexMetadata?

    init(sections: IndexSections, damaged: Set<String>) {
        self.sections = sections
        self.damaged = damaged
    }

    private mutating func fail(_ tag: SectionTag, _ detail: String) {
        problems.append(.init(section: tag.rawValue, detail: detail))
    }

    /// Whether `tag` can be checked: present and undamaged. A missing required section is a problem.
    private mutating func usable(_ tag: SectionTag, required: Bool = true) -> Bool {
        guard sections.contains(tag) else {
            if required { fail(tag, "missing") }
            return false
        }
        return !damaged.contains(tag.rawValue)
    }

    private func raw(_ tag: SectionTag) -> UnsafeRawBufferPointer { (try? sections.uncheckedBytes(tag)) ?? .init(start: nil, count: 0) }

    /// The section as `count` values of `T` (any count when nil), or nil with a problem.
    private mutating func values<T: MappedScalar>(_ tag: SectionTag, _ type: T.Type, count: Int?, required: Bool = true)
        -> [T]?
    {
        guard usable(tag, required: required) else { return nil }
        let bytes = raw(tag)
        let size = MemoryLayout<T>.size
        guard bytes.count % size == 0 else {
            fail(tag, "\(bytes.count) bytes is not a whole number of \(size)-byte values")
            return nil
        }
        let n = bytes.count / size
        if let count, n != count {
            fail(tag, "holds \(n) values, expected \(count)")
            return nil
        }
        return (0..<n).map { bytes.loadUnaligned(fromByteOffset: $0 * size, as: T.self) }
    }

    /// The section as a string table of `count` valid UTF-8 strings, or nil with a problem.
    private mutating func strings(_ tag: SectionTag, count: Int) -> [String]? {
        guard usable(tag) else { return nil }
        let bytes = raw(tag)
        guard bytes.count >= 8 else {
            fail(tag, "too short for a string table")
            return nil
        }
        let n = Int(truncatingIfNeeded: UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)))
        guard n == count else {
            fail(tag, "holds \(n) strings, expected \(count)")
            return nil
        }
        guard 8 + (n + 1) * 8 <= bytes.count else {
            fail(tag, "its offsets run past the section")
            return nil
        }
        let text = 8 + (n + 1) * 8
        var result: [String] = []
        result.reserveCapacity(n)
        var previous: UInt64 = 0
        for i in 0...n {
            let offset = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 + 8 * i, as: UInt64.self))
            guard (i == 0 ? offset == 0 : offset >= previous), offset <= UInt64(bytes.count - text) else {
                fail(tag, "offset \(i) is out of order or past the text")
                return nil
            }
            if i > 0 {
                let slice = UnsafeRawBufferPointer(
                    rebasing: bytes[(text + Int(previous))..<(text + Int(offset))])
                guard let string = String(validating: slice, as: UTF8.self) else {
                    fail(tag, "string \(i - 1) is not valid UTF-8")
                    return nil
                }
                result.append(string)
            }
            previous = offset
        }
        if Int(previous) != bytes.count - text { fail(tag, "\(bytes.count - text - Int(previous)) bytes after the last string") }
        return result
    }

    mutating func run() {
        guard usable(.metadata) else { return }
        let decoded: IndexMetadata
        do { decoded = try JSONCoding.decode(IndexMetadata.self, from: raw(.metadata)) } catch {
            fail(.metadata, "not readable: \(error)")
            return
        }
        metadata = decoded
        guard decoded.formatVersion == sections.version else {
            return fail(.metadata, "says format version \(decoded.formatVersion), the header \(sections.version)")
        }
        let n = decoded.articleCount
        let terms = decoded.termCount
        let width = decoded.neighbours
        let d = decoded.semanticDimensions
        guard n >= 0, terms >= 0, width >= 0, d >= 0, n < Int(Int32.max), terms < Int(Int32.max) else {
            return fail(.metadata, "negative or impossible counts")
        }
        if sections.version >= 2, !sections.contains(.blockChecksums) { fail(.blockChecksums, "missing") }

        let ids = strings(.ids, count: n)
        checkIDOrder(ids: ids, count: n)
        _ = strings(.titles, count: n)
        _ = values(.published, Int64.self, count: n)
        _ = strings(.categories, count: n)
        _ = strings(.urls, count: n)
        checkVocabulary(terms: terms)
        checkVectors(.titleRows, .titleColumns, .titleValues, rows: n, columns: terms, unitRows: true)
        checkVectors(.bodyRows, .bodyColumns, .bodyValues, rows: n, columns: terms, unitRows: true)
        checkSemantic(count: n, dimensions: d)
        checkEmbedding(count: n, model: decoded.embedding, axes: decoded.embeddingAxes)
        checkRelated(count: n, width: width)
        checkDuplicates(count: n, configured: decoded.configuration.nearDuplicates != nil)
        checkTopics(count: n, terms: terms)
    }

    private mutating func checkIDOrder(ids: [String]?, count n: Int) {
        guard let order = values(.idOrder, Int32.self, count: n) else { return }
        var seen = [Bool](repeating: false, count: n)
        for a in order {
            guard a >= 0, Int(a) < n, !seen[Int(a)] else { return fail(.idOrder, "is not a permutation of the articles") }
            seen[Int(a)] = true
        }
        guard let ids else { return }
        for k in order.indices.dropFirst() {
            let a = Array(ids[Int(order[k - 1])].utf8)
            let b = Array(ids[Int(order[k])].utf8)
            guard a.lexicographicallyPrecedes(b) else {
                return fail(.idOrder, a == b ? "id '\(ids[Int(order[k])])' appears twice" : "ids are out of order")
            }
        }
    }

    private mutating func checkVocabulary(terms: Int) {
        if let words = strings(.terms, count: terms) {
            for k in words.indices.dropFirst() where !(words[k - 1] < words[k]) {
                fail(.terms, "terms '\(words[k - 1])' and '\(words[k])' are out of order")
                break
            }
        }
        _ = strings(.displayForms, count: terms)
        for tag in [SectionTag.titleIDF, .bodyIDF] {
            if let idf = values(tag, Float.self, count: terms), idf.contains(where: { !$0.isFinite || $0 < 0 }) {
                fail(tag, "an idf is negative or not finite")
            }
        }
    }

    /// A CSR matrix: row starts from 0 to the entry count, columns ascending within a row and in range, finite
    /// values (and rows of unit length or empty, for article vectors).
    private mutating func checkVectors(
        _ rowTag: SectionTag, _ columnTag: SectionTag, _ valueTag: SectionTag, rows: Int, columns: Int,
        unitRows: Bool, required: Bool = true
    ) {
        guard let starts = values(rowTag, UInt64.self, count: rows + 1, required: required),
            let cols = values(columnTag, Int32.self, count: nil, required: required),
            let vals = values(valueTag, Float.self, count: cols.count, required: required)
        else { return }
        guard starts.first == 0, starts.last == UInt64(cols.count), zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 })
        else { return fail(rowTag, "row starts do not ascend from 0 to the \(cols.count) entries") }
        for row in 0..<rows {
            let range = Int(starts[row])..<Int(starts[row + 1])
            var norm: Float = 0
            for k in range {
                guard cols[k] >= 0, Int(cols[k]) < columns, k == range.lowerBound || cols[k - 1] < cols[k] else {
                    return fail(columnTag, "row \(row) has a column out of range or out of order")
                }
                guard vals[k].isFinite else { return fail(valueTag, "row \(row) has a value that is not finite") }
                norm += vals[k] * vals[k]
            }
            if unitRows, !range.isEmpty, abs(norm - 1) > 1e-3 {
                return fail(valueTag, "row \(row) has length \(norm.squareRoot()), not 1")
            }
        }
    }

    private mutating func checkSemantic(count n: Int, dimensions d: Int) {
        let vectors = values(.semanticVectors, Float.self, count: n * d)
        let norms = values(.semanticNorms, Float.self, count: d > 0 ? n : 0)
        let singular = values(.semanticSingularValues, Float.self, count: d)
        if let vectors, d > 0 {
            for i in 0..<n {
                let row = vectors[(i * d)..<((i + 1) * d)]
                let length = row.reduce(Float(0)) { $0 + $1 * $1 }
                guard row.allSatisfy(\.isFinite), length == 0 || abs(length - 1) < 1e-3 else {
                    return fail(.semanticVectors, "latent vector \(i) is not a unit vector")
                }
            }
        }
        if let norms, norms.contains(where: { !$0.isFinite || $0 < 0 }) {
            fail(.semanticNorms, "a norm is negative or not finite")
        }
        if let singular, singular.contains(where: { !$0.isFinite || $0 < 0 }) {
            fail(.semanticSingularValues, "a singular value is negative or not finite")
        }
    }

    /// With an embedding model named: its vectors, unit or all zeros, a finite mean, finite axes when the metadata
    /// gives their number (and none when not); without a model: no such sections.
    private mutating func checkEmbedding(count n: Int, model: EmbeddingModelIdentity?, axes: Int?) {
        guard let model else {
            for tag in [SectionTag.embeddingVectors, .embeddingMean, .embeddingAxes] where sections.contains(tag) {
                fail(tag, "present, but the metadata names no embedding model")
            }
            return
        }
        let d = model.dimensions
        guard d > 0, d < 1 << 16 else { return fail(.metadata, "the embedding model has \(d) dimensions") }
        if let axes {
            guard axes > 0, axes <= d else { return fail(.metadata, "\(axes) embedding axes for \(d) dimensions") }
            if let values = values(.embeddingAxes, Float.self, count: axes * d), values.contains(where: { !$0.isFinite }) {
                fail(.embeddingAxes, "an axis component is not finite")
            }
        } else if sections.contains(.embeddingAxes) {
            fail(.embeddingAxes, "present, but the metadata gives no number of axes")
        }
        let e = axes ?? d
        if let vectors = values(.embeddingVectors, Float.self, count: n * e) {
            for i in 0..<n {
                let row = vectors[(i * e)..<((i + 1) * e)]
                let length = row.reduce(Float(0)) { $0 + $1 * $1 }
                // A unit vector projected on orthonormal axes keeps at most its length.
                let fits = axes == nil ? length == 0 || abs(length - 1) < 1e-3 : length <= 1 + 1e-3
                guard row.allSatisfy(\.isFinite), fits else {
                    return fail(.embeddingVectors, "embedding vector \(i) is longer than a unit vector or not one")
                }
            }
        }
        if let mean = values(.embeddingMean, Float.self, count: d), mean.contains(where: { !$0.isFinite }) {
            fail(.embeddingMean, "a mean component is not finite")
        }
    }

    private mutating func checkRelated(count n: Int, width: Int) {
        guard let indices = values(.relatedIndices, Int32.self, count: n * width),
            let scores = values(.relatedScores, Float.self, count: n * width)
        else { return }
        for i in 0..<n {
            var ended = false
            var seen = Set<Int32>()
            for slot in 0..<width {
                let j = indices[i * width + slot]
                if j < 0 {
                    guard j == -1 else { return fail(.relatedIndices, "list of article \(i) holds \(j)") }
                    ended = true
                    continue
                }
                guard !ended else { return fail(.relatedIndices, "list of article \(i) has an entry after its end") }
                guard Int(j) < n, Int(j) != i, seen.insert(j).inserted else {
                    return fail(.relatedIndices, "list of article \(i) points to \(j): itself, a repeat or no article")
                }
                let score = scores[i * width + slot]
                guard score.isFinite, slot == 0 || scores[i * width + slot - 1] >= score else {
                    return fail(.relatedScores, "scores of article \(i) are not finite and descending")
                }
            }
        }
    }

    private mutating func checkDuplicates(count n: Int, configured: Bool) {
        let present = sections.contains(.duplicateGroups)
        if sections.version >= 2, present != configured {
            return fail(
                .duplicateGroups,
                configured ? "missing, though the configuration groups near-duplicates"
                    : "present, though the configuration groups none")
        }
        guard let groups = values(.duplicateGroups, Int32.self, count: n, required: false) else { return }
        for (i, g) in groups.enumerated() {
            guard g >= 0, Int(g) <= i, groups[Int(g)] == g else {
                return fail(.duplicateGroups, "article \(i) names group \(g), which is not the first article of a group")
            }
        }
    }

    private mutating func checkTopics(count n: Int, terms: Int) {
        let tags: [SectionTag] = [
            .topicTable, .articleTopics, .topicCentrality, .centroidRows, .centroidColumns, .centroidValues,
        ]
        let present = tags.filter { sections.contains($0) }
        guard !present.isEmpty else { return }
        guard present.count == tags.count else {
            return fail(tags.first { !sections.contains($0) }!, "missing, though other topic sections are present")
        }
        var table: TopicTable?
        if usable(.topicTable) {
            do { table = try JSONCoding.decode(TopicTable.self, from: raw(.topicTable)) } catch {
                fail(.topicTable, "not readable: \(error)")
            }
        }
        if let table {
            var ids = Set<Int>()
            for topic in table.topics {
                guard topic.id > 0, topic.id < table.nextID, ids.insert(topic.id).inserted else {
                    return fail(.topicTable, "topic id \(topic.id) is repeated or not below the next id \(table.nextID)")
                }
            }
        }
        let members = values(.articleTopics, Int32.self, count: n)
        if let centrality = values(.topicCentrality, Float.self, count: n), centrality.contains(where: { !$0.isFinite }) {
            fail(.topicCentrality, "a centrality is not finite")
        }
        if let table {
            checkVectors(
                .centroidRows, .centroidColumns, .centroidValues, rows: table.topics.count, columns: terms,
                unitRows: false)
        }
        guard let table, let members else { return }
        var sizes: [Int: Int] = [:]
        for (i, t) in members.enumerated() where t != -1 {
            guard table.position(of: Int(t)) != nil else {
                return fail(.articleTopics, "article \(i) is in topic \(t), which the topic table lacks")
            }
            sizes[Int(t), default: 0] += 1
        }
        for topic in table.topics {
            guard sizes[topic.id, default: 0] == topic.size else {
                return fail(.topicTable, "topic t\(topic.id) says \(topic.size) articles, \(sizes[topic.id, default: 0]) are in it")
            }
            guard topic.centralArticles.allSatisfy({ (0..<n).contains($0) && Int(members[$0]) == topic.id }) else {
                return fail(.topicTable, "topic t\(topic.id) names a central article that is not in it")
            }
        }
    }
}
