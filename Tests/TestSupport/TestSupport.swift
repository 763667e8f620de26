internal import Foundation
public import RecommendCore

/// A fresh directory under the system's temporary directory, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "recommend-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The package's root directory, found from this file's path.
public let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
    }
    return FileManager.default.currentDirectoryPath
}()

/// The sample corpus shipped in Data/.
public func sampleArticles() throws -> [Article] {
    try FeedReader().read([packageRoot + "/Data/articles.jsonl"]).articles
}

/// Data that is not part of the package, for opt-in tests: the labelled corpora (`RECOMMEND_CORPORA`, a folder of
/// `bbc.jsonl.gz`, ...) and the reference scripts (`RECOMMEND_REFERENCE`, a folder holding `evaluate.py`).
public enum ExternalData {
    /// The folder of labelled corpora, when set.
    public static let corpora = ProcessInfo.processInfo.environment["RECOMMEND_CORPORA"]
    /// The folder of reference scripts, when set.
    public static let reference = ProcessInfo.processInfo.environment["RECOMMEND_REFERENCE"]
}
