// swift-tools-version:6.1
// Benchmarks of recommend's phases with package-benchmark, kept out of the main package so that users and CI do
// not build them. Run from this folder: `swift package benchmark` (see ../docs/performance.md).
import PackageDescription

import class Foundation.ProcessInfo
import struct Foundation.URL

// The main package is the parent folder; SwiftPM names a path dependency after its folder.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "recommend-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "RecommendBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RecommendCore", package: root.lastPathComponent),
            ],
            path: "Benchmarks/RecommendBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
