import Foundation
import Testing
import TestSupport

/// Output that cannot be written (a full disk: `/dev/full`) is an error with a message and a non-zero exit,
/// never a silent success.
@Suite(.serialized) struct OutputFailureTests {
    static let index: String = {
        let path = NSTemporaryDirectory() + "recommend-output-failure-\(UUID().uuidString).index"
        let built = try? CLI.run(["index", packageRoot + "/Data/articles.jsonl", "--index", path])
        precondition(built?.status == 0, "cannot build the sample index")
        return path
    }()

    @Test(
        "a command whose standard output is full exits 1 and says so",
        arguments: [
            ["related", "a067"], ["related", "a067", "--json"], ["topics"], ["topic", "t1"],
            ["query", "--title", "port strike"], ["export", "--related", "-"],
        ])
    func fullOutput(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = arguments + ["--index", Self.index]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("No space left on device"), "\(stderr)")
    }
}
