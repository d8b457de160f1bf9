// swift-tools-version: 6.1
// The per-layer benchmarks of glassbreak-sim (ordo-one/package-benchmark), kept out of the main
// package so that its CI build and test run never compile them. `make bench` runs them.

import Foundation
import PackageDescription

/// The root package is the folder above this one; a path dependency's identity is that folder's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent

let package = Package(
    name: "glassbreak-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        // MallocInterposer counts allocations (no jemalloc needed with Swift 6.3). The default
        // RuntimeInterposer trait is left off: its package is not in the local mirror.
        .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "Layers",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "Sim", package: root),
                .product(name: "Verticals", package: root),
                .product(name: "Edge", package: root),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Benchmarks/Layers",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    ]
)
