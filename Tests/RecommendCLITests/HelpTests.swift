import Foundation
import Testing
import TestSupport

/// The help of every command, as a user reads it: kept as snapshots in `Help/` (rewritten by running the tests
/// with `RECOMMEND_UPDATE_HELP=1`), so a change of wording shows in review, and never pointing outside the
/// package.
@Suite struct HelpTests {
    static let commands = [
        "", "index", "related", "query", "topics", "topic", "export", "eval", "serve", "reindex", "verify",
        "load-sqlite",
    ]

    @Test("every command's --help is its snapshot and names no path outside the package", arguments: commands)
    func help(_ command: String) throws {
        let result = try CLI.run((command.isEmpty ? [] : [command]) + ["--help"])
        #expect(result.status == 0, "\(result.stderr)")
        for outside in ["../", "shared/", "/work/", "/tmp/", "/root/", "/home/"] {
            #expect(!result.stdout.contains(outside), "\(command) --help names \(outside)")
        }
        let snapshot = packageRoot + "/Tests/RecommendCLITests/Help/\(command.isEmpty ? "recommend" : command).txt"
        if ProcessInfo.processInfo.environment["RECOMMEND_UPDATE_HELP"] != nil {
            try result.stdout.write(toFile: snapshot, atomically: true, encoding: .utf8)
        }
        #expect(result.stdout == (try String(contentsOfFile: snapshot, encoding: .utf8)))
    }

    @Test("the README and the docs name no path outside the package")
    func documents() throws {
        let docs = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/docs").map { "docs/" + $0 }
        for file in ["README.md", "Data/README.md"] + docs where file.hasSuffix(".md") {
            let text = try String(contentsOfFile: packageRoot + "/" + file, encoding: .utf8)
            for outside in ["../shared", "shared/bench", "shared/corpora", "/work/"] {
                #expect(!text.contains(outside), "\(file) names \(outside)")
            }
        }
    }
}
