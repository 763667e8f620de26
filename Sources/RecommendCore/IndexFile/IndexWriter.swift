internal import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Writes an index file atomically: to a temporary name in the same directory, flushed to disk, then renamed
/// over the destination, so a crash never leaves a half-written file under the real name.
public enum IndexWriter {
    /// Writes `contents` to `path`.
    /// - Throws: `IndexFileError.writeFailed`; the destination is then unchanged.
    public static func write(_ contents: IndexContents, to path: String) throws {
        let bytes = try encode(contents)
        try writeAtomically(bytes, to: path)
    }

    /// The complete file image of `contents`.
    static func encode(_ contents: IndexContents) throws -> [UInt8] {
        let articles = contents.articles
        var idOrder = Array(0..<Int32(articles.count))
        let idBytes = articles.map { Array($0.id.utf8) }
        idOrder.sort { idBytes[Int($0)].lexicographicallyPrecedes(idBytes[Int($1)]) }
        let metadata = try JSONCoding.encoder.encode(contents.metadata)
        let vocabulary = contents.model.vocabulary
        var sections: [(SectionTag, [UInt8])] = [
            (.metadata, Array(metadata)),
            (.ids, SectionEncoder.stringTable(articles.map(\.id))),
            (.idOrder, SectionEncoder.array(idOrder)),
            (.titles, SectionEncoder.stringTable(articles.map(\.title))),
            (.published, SectionEncoder.array(articles.map { $0.published ?? Int64.min })),
            (.categories, SectionEncoder.stringTable(articles.map { $0.category ?? "" })),
            (.urls, SectionEncoder.stringTable(articles.map { $0.url ?? "" })),
            (.terms, SectionEncoder.stringTable(vocabulary.terms)),
            (.displayForms, SectionEncoder.stringTable(vocabulary.displayForms)),
            (.titleIDF, SectionEncoder.array(vocabulary.titleIDF)),
            (.bodyIDF, SectionEncoder.array(vocabulary.bodyIDF)),
            (.titleRows, SectionEncoder.array(contents.vectors.title.rowStart.map { UInt64($0) })),
            (.titleColumns, SectionEncoder.array(contents.vectors.title.columns)),
            (.titleValues, SectionEncoder.array(contents.vectors.title.values)),
            (.bodyRows, SectionEncoder.array(contents.vectors.body.rowStart.map { UInt64($0) })),
            (.bodyColumns, SectionEncoder.array(contents.vectors.body.columns)),
            (.bodyValues, SectionEncoder.array(contents.vectors.body.values)),
            (.semanticVectors, SectionEncoder.array(contents.semantic?.vectors.storage ?? [])),
            (.semanticNorms, SectionEncoder.array(contents.semantic?.norms ?? [])),
            (.semanticSingularValues, SectionEncoder.array(contents.semantic?.singularValues ?? [])),
            (.relatedIndices, SectionEncoder.array(contents.related.indices)),
            (.relatedScores, SectionEncoder.array(contents.related.scores)),
        ]
        if let duplicates = contents.duplicates {
            sections.append((.duplicateGroups, SectionEncoder.array(duplicates.group)))
        }
        if let topics = contents.topics {
            sections += [
                (.topicTable, Array(try JSONCoding.encoder.encode(topics.table))),
                (.articleTopics, SectionEncoder.array(topics.articleTopics)),
                (.topicCentrality, SectionEncoder.array(topics.centrality)),
                (.centroidRows, SectionEncoder.array(topics.centroids.rowStart.map { UInt64($0) })),
                (.centroidColumns, SectionEncoder.array(topics.centroids.columns)),
                (.centroidValues, SectionEncoder.array(topics.centroids.values)),
            ]
        }
        let checksums = sections.map { $0.1.withUnsafeBytes { Checksum.blocks($0) } }
        let blockChecksums = SectionEncoder.array(checksums.flatMap(\.blocks))
        sections.append((.blockChecksums, blockChecksums))
        let wholeChecksums = checksums.map(\.whole) + [blockChecksums.withUnsafeBytes { Checksum.crc32($0) }]
        func aligned(_ x: Int) -> Int { (x + IndexFormat.alignment - 1) / IndexFormat.alignment * IndexFormat.alignment }
        var offset = aligned(IndexFormat.headerSize + IndexFormat.sectionEntrySize * sections.count)
        var table = SectionEncoder()
        var placed: [(Int, [UInt8])] = []
        for ((tag, payload), checksum) in zip(sections, wholeChecksums) {
            table.append(tag.code)
            table.append(UInt32(0))
            table.append(UInt64(offset))
            table.append(UInt64(payload.count))
            table.append(checksum)
            table.append(UInt32(0))
            placed.append((offset, payload))
            offset = aligned(offset + payload.count)
        }
        let fileLength = placed.last.map { $0.0 + $0.1.count } ?? offset
        var header = SectionEncoder()
        for b in IndexFormat.magic { header.append(b) }
        header.append(IndexFormat.version)
        header.append(UInt32(sections.count))
        header.append(UInt64(fileLength))
        header.append(table.bytes.withUnsafeBytes { Checksum.crc32($0) })
        header.append(header.bytes.withUnsafeBytes { Checksum.crc32($0) })
        var file = [UInt8](repeating: 0, count: fileLength)
        file.replaceSubrange(0..<IndexFormat.headerSize, with: header.bytes)
        file.replaceSubrange(IndexFormat.headerSize..<(IndexFormat.headerSize + table.bytes.count), with: table.bytes)
        for (start, payload) in placed { file.replaceSubrange(start..<(start + payload.count), with: payload) }
        return file
    }

    /// Writes `bytes` to a temporary file beside `path`, syncs it, renames it over `path`, syncs the directory.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = temporaryPath(for: path)
        try writeDurably(bytes, to: temporary, reporting: path)
        try install(temporary, at: path)
    }

    /// The temporary name this process writes `path` under before renaming it into place.
    static func temporaryPath(for path: String) -> String { path + ".tmp-\(getpid())" }

    /// Writes `bytes` to `file` and flushes them to disk; on failure `file` is removed.
    /// - Throws: `IndexFileError.writeFailed` naming `path` (the index the file is meant to become).
    static func writeDurably(_ bytes: [UInt8], to file: String, reporting path: String) throws {
        func fail(_ step: String) -> IndexFileError {
            let reason = "\(step): \(String(cString: strerror(errno)))"
            unlink(file)
            return .writeFailed(path: path, reason: reason)
        }
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw fail("create \(file)") }
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return true
        }
        guard ok else {
            close(fd)
            throw fail("write")
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw fail("fsync")
        }
        close(fd)
    }

    /// Renames the complete file `temporary` over `path` and syncs the directory, so the rename survives a crash.
    /// - Throws: `IndexFileError.writeFailed`; `temporary` is then removed and `path` unchanged.
    static func install(_ temporary: String, at path: String) throws {
        guard rename(temporary, path) == 0 else {
            let reason = "rename: \(String(cString: strerror(errno)))"
            unlink(temporary)
            throw IndexFileError.writeFailed(path: path, reason: reason)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }
}
