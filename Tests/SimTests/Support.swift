import Foundation
import TestSupport
import Verticals

@testable import Sim

/// Locates the repository's scenario library from this file's path.
enum ScenarioFiles {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Every `scenarios/*.yaml`, sorted (benchmarks in subfolders are not included).
    static func all() throws -> [String] { try files(in: "scenarios") }

    /// Every `scenarios/bench/*.yaml`: validated by the tests, run only by `make bench`.
    static func bench() throws -> [String] { try files(in: "scenarios/bench") }

    static func files(in relative: String) throws -> [String] {
        let folder = root.appendingPathComponent(relative)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0).path }
    }
}

/// Parses `yaml` and prepares a simulation in a temporary folder; `plant` may break the world
/// before it runs.
func simulate(_ yaml: String, seed: UInt64? = nil, plant: (Simulation) throws -> Void = { _ in }) throws -> RunResult {
    var scenario = try ScenarioLoader.parse(yaml: yaml, file: "test.yaml")
    if let seed { scenario.seed = seed }
    let folder = TemporaryFolder()
    defer { folder.cleanup() }
    let simulation = try Simulation(scenario: scenario, directory: folder.url)
    try plant(simulation)
    return try simulation.run()
}

extension RunResult {
    /// The check called `name`.
    func check(_ name: String) -> CheckResult? { checks.first { $0.name == name } }

    /// An integer metric at a top-level key.
    func metric(_ key: String) -> JSONValue? { metrics[key] }
}
