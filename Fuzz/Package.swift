// swift-tools-version:6.1
// libFuzzer harnesses for recommend's input readers, kept out of the main package so that users and CI do not
// build them. Build and run them with Scripts/fuzz (see ../docs/robustness.md); each executable is built with
// `-sanitize=fuzzer`, which supplies `main` and calls the harness's `LLVMFuzzerTestOneInput`.
import PackageDescription

import class Foundation.ProcessInfo
import struct Foundation.URL

// The main package is the parent folder; SwiftPM names a path dependency after its folder.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let core = Target.Dependency.product(name: "RecommendCore", package: root.lastPathComponent)

/// One executable per harness: no `main` of its own (libFuzzer's), hence `-parse-as-library`.
func harness(_ name: String) -> Target {
    .executableTarget(
        name: name, dependencies: [core, "FuzzSupport"], swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let package = Package(
    name: "recommend-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [core]),
        harness("FuzzJSONLines"),
        harness("FuzzCSV"),
        harness("FuzzIndex"),
        harness("FuzzOverrides"),
        harness("FuzzQuery"),
    ]
)
