internal import Foundation
internal import Synchronization

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The overrides file as editors change it: each change is checked against the version the editor saw (so two
/// editors saving at once never lose one of the changes), validated against the index, written atomically
/// (`OutputFile`), with the file it replaces kept as `<file>.previous` and an audit line appended to
/// `<file>.audit.jsonl`. A class for its identity: every request of one service shares the lock that orders
/// the changes.
public final class OverridesStore: Sendable {
    /// The overrides file (`RelatedOverrides.defaultPath(forIndex:)` for a served index).
    public let path: String
    private let lock = Mutex(())

    /// The copy of the file as it was before the last change.
    public var previousPath: String { path + ".previous" }
    /// The JSON Lines log of every change: who, when, what, and the versions before and after.
    public var auditPath: String { path + ".audit.jsonl" }

    public init(path: String) {
        self.path = path
    }

    /// The version of a file's bytes, `none` for no file: the FNV-1a hash of its bytes, in hex.
    public static func version(of bytes: [UInt8]?) -> String {
        guard let bytes else { return "none" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The rules of the file now and its version (no rules and `none` when there is no file).
    /// - Throws: `OverridesEditError.unusableFile` when it cannot be read or has a badly formed rule.
    public func read() throws(OverridesEditError) -> (rules: [RelatedOverrides.Rule], version: String) {
        let bytes = try currentBytes()
        guard let bytes else { return ([], Self.version(of: nil)) }
        do {
            return (try RelatedOverrides.rules(json: bytes, path: path), Self.version(of: bytes))
        } catch {
            throw .unusableFile(error)
        }
    }

    /// A saved change: the overrides to serve from now on and the file's new version.
    public struct Saved: Sendable {
        public var overrides: RelatedOverrides
        public var version: String
    }

    /// Applies `edit` to the file if it is still at `version`, and records who made it.
    /// - Parameters:
    ///   - version: the version the editor's page showed (`read().version`).
    ///   - editor: the name the audit line gives.
    ///   - time: when, in seconds since the epoch; nil: now.
    ///   - index: the index the ids must be in.
    /// - Throws: `OverridesEditError`; the file, its previous version and the log are then unchanged.
    public func apply(
        _ edit: OverridesEdit, expecting version: String, editor: String, at time: Int64? = nil,
        index: RecommendIndex
    ) throws(OverridesEditError) -> Saved {
        try lock.withLock { _ throws(OverridesEditError) -> Saved in
            let old = try currentBytes()
            let oldVersion = Self.version(of: old)
            guard oldVersion == version else { throw .conflict(expected: version, current: oldVersion) }
            for id in [edit.article] + (edit.query.map { [$0] } ?? []) {
                guard (try? index.index(of: id)) != nil else { throw .unknownArticle(id) }
            }
            var rules: [RelatedOverrides.Rule] = []
            if let old {
                do throws(OverridesError) {
                    rules = try RelatedOverrides.rules(json: old, path: path)
                } catch {
                    throw .unusableFile(error)
                }
            }
            let bytes = RelatedOverrides.json(try edit.applied(to: rules))
            let overrides: RelatedOverrides
            do throws(OverridesError) {
                overrides = try RelatedOverrides(json: bytes, path: path, index: index)
            } catch {
                throw .unusableFile(error)
            }
            let newVersion = Self.version(of: bytes)
            let entry = AuditEntry(
                time: ISO8601Date.format(time ?? Int64(Date().timeIntervalSince1970)), user: editor, action: edit.action,
                article: edit.article, for: edit.query, position: edit.position, previousVersion: oldVersion,
                version: newVersion)
            do throws(OutputError) {
                if let old { try OutputFile.write(old, to: previousPath) }
                try OutputFile.write(bytes, to: path)
                try appendLine(entry, to: auditPath)
            } catch {
                throw .writeFailed(error)
            }
            return Saved(overrides: overrides, version: newVersion)
        }
    }

    /// One line of the audit log.
    struct AuditEntry: Codable {
        var time: String
        var user: String
        var action: String
        var article: String
        var `for`: String?
        var position: Int?
        var previousVersion: String
        var version: String
    }

    /// The file's bytes, nil when there is no file.
    private func currentBytes() throws(OverridesEditError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unusableFile(.unreadable(path: path, reason: (error as NSError).localizedDescription))
        }
    }

    /// Appends `entry` as one JSON line to `log` and flushes it to disk.
    private func appendLine(_ entry: AuditEntry, to log: String) throws(OutputError) {
        let line = Array(((try? JSONCoding.line(entry)) ?? "").utf8) + [10]
        let fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: log, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            throw .writeFailed(path: log, reason: String(cString: strerror(errno)))
        }
    }
}

extension OverridesEdit {
    /// The position of a pin, nil for the other changes.
    public var position: Int? {
        if case .pin(_, _, let position) = self { position } else { nil }
    }
}
