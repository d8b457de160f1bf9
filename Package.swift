// swift-tools-version: 6.1
// glassbreak-sim: a deterministic, in-process simulator of the Glassbreak multi-cloud platform.

import PackageDescription

let package = Package(
    name: "glassbreak-sim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "simctl", targets: ["simctl"]),
        .library(name: "Sim", targets: ["Sim"]),
        // For the per-layer benchmarks in Benchmarks/ (a separate package).
        .library(name: "Verticals", targets: ["Verticals"]),
        .library(name: "Edge", targets: ["Edge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        .package(url: "https://github.com/vapor/jwt-kit", exact: "5.8.0"),
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    ],
    targets: [
        /// Argon2id from the system's libargon2 (Debian: libargon2-dev).
        .systemLibrary(
            name: "CArgon2",
            pkgConfig: "libargon2",
            providers: [.apt(["libargon2-dev"])]
        ),
        /// Atomic exchange of two paths (renameat2 / renamex_np), for replacing a run folder.
        .target(name: "CFileOps"),
        /// The mechanisms of the design that a run may remove on purpose (ablations): the one
        /// option set the verticals, the edge and the simulator consult.
        .target(name: "Mechanisms"),
        /// The API core, storage, outbox and sync protocol of one vertical. Sans-I/O.
        .target(
            name: "Verticals",
            dependencies: [
                "CArgon2",
                "Mechanisms",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the typed statements of the hot path (TypedStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        /// Registrars, DNS and the edge router. Sans-I/O.
        .target(
            name: "Edge",
            dependencies: ["Mechanisms"]
        ),
        /// The deterministic kernel, topology, workload, faults, checkers, scenarios and results.
        .target(
            name: "Sim",
            dependencies: [
                "Verticals",
                "Mechanisms",
                "CFileOps",
                "Edge",
                // YAMLPrescan imports Yams's C scanner, CYaml, which Yams does not export as a
                // product: it comes with the Yams product.
                .product(name: "Yams", package: "Yams"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// The HTML report of a run folder and the topology drawing: streams the trace into time
        /// buckets, draws SVG charts, lays the page out with Plot.
        .target(
            name: "Report",
            dependencies: [
                "Sim", "Verticals",
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        /// The live mode: the topology as real HTTP servers on loopback (Hummingbird), the same
        /// Verticals and Edge code driven by the wall clock, sync over real HTTP (AsyncHTTPClient).
        .target(
            name: "Live",
            dependencies: [
                "Sim",
                "Report",
                "Verticals",
                "Edge",
                "Mechanisms",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// The command line: parses and prints, nothing more.
        .executableTarget(
            name: "simctl",
            dependencies: [
                "Sim",
                "Report",
                "Live",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// Helpers every test target shares (one copy each): a deterministic generator, a
        /// temporary folder.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "VerticalsTests",
            dependencies: [
                "Verticals", "Mechanisms", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "EdgeTests", dependencies: ["Edge", "Mechanisms", "TestSupport"]),
        .testTarget(
            name: "SimTests",
            dependencies: [
                "Sim", "Verticals", "Edge", "Mechanisms", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        /// zlib, for the tests that decode the PNG screenshots of rendered reports (Debian: zlib1g-dev).
        .systemLibrary(name: "CZlib", path: "Tests/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        /// ReportTests also render the live mode's pages (they share the browser and PNG helpers).
        .testTarget(name: "ReportTests", dependencies: ["Report", "Sim", "CZlib", "Live"]),
        .testTarget(
            name: "LiveTests",
            dependencies: [
                "Live", "Sim", "Verticals",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
