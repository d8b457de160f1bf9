import Foundation
import TestSupport
import Testing

@testable import Sim

@Suite("Determinism")
struct DeterminismTests {
    static let yaml = """
        name: determinism
        duration: 2m
        workload: {users: 40, rate: 15/s}
        faults:
          - {at: 30s, for: 20s, kind: partition, between: [aws, scaleway]}
          - {at: 60s, for: 10s, kind: message-duplication, between: [aws, scaleway], rate: 0.3}
        """

    func runTwice(seeds: (UInt64, UInt64)) throws -> ((Data, String), (Data, String)) {
        let scenarioA = try ScenarioLoader.parse(yaml: Self.yaml, file: "d.yaml")
        var scenarioB = scenarioA
        var first = scenarioA
        first.seed = seeds.0
        scenarioB.seed = seeds.1
        let folderA = TemporaryFolder("a"), folderB = TemporaryFolder("b")
        defer { folderA.cleanup(); folderB.cleanup() }
        let resultA = try ScenarioRunner.run(first, folder: folderA.url)
        let resultB = try ScenarioRunner.run(scenarioB, folder: folderB.url)
        let traceA = try Data(contentsOf: folderA.url.appendingPathComponent("trace.jsonl"))
        let traceB = try Data(contentsOf: folderB.url.appendingPathComponent("trace.jsonl"))
        return (
            (traceA, resultA.json(includeWallClock: false).serialized()),
            (traceB, resultB.json(includeWallClock: false).serialized())
        )
    }

    @Test func sameSeedGivesByteIdenticalTraceAndResult() throws {
        let (a, b) = try runTwice(seeds: (5, 5))
        #expect(a.0.count > 10_000)
        #expect(a.0 == b.0, "trace.jsonl must be byte-identical")
        #expect(a.1 == b.1, "result.json must be identical apart from wall_ms")
    }

    @Test func differentSeedGivesADifferentTrace() throws {
        let (a, b) = try runTwice(seeds: (5, 6))
        #expect(a.0 != b.0)
    }

    @Test func determinismCheckOfTheRunnerAgrees() throws {
        let scenario = try ScenarioLoader.parse(yaml: Self.yaml, file: "d.yaml")
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let result = try ScenarioRunner.run(scenario, folder: folder.url)
        let report = try ScenarioRunner.checkDeterminism(scenario, first: result, folder: folder.url)
        #expect(report.identical, "\(report.firstDifference ?? "")")
    }
}
