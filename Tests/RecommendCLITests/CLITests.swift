import Foundation
import Testing

/// Runs the built `recommend` binary (found beside the test bundle) and returns its status and output.
func runRecommend(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = recommendBinary
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
}

/// The `recommend` executable of this build: in the products directory that also holds the test bundle.
let recommendBinary: URL = {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var url = bundleDirectory
    while url.path != "/" {
        let candidate = url.appendingPathComponent("recommend")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        url.deleteLastPathComponent()
    }
    return bundleDirectory.appendingPathComponent("recommend")
}()

@Suite struct CLITests {
    @Test("recommend --help lists the subcommands")
    func help() throws {
        let result = try runRecommend(["--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("related"))
    }
}
