import Foundation
import Sim
import Testing

@testable import Live

/// `--load`: simulated users of the workload model against the live surfaces.
@Suite(.serialized)
struct LiveLoadTests {
    /// A short load signs users up and writes through the edge and the direct surfaces; the
    /// verticals end identical. Few users and a cheap Argon2id, so a busy CI machine gets through
    /// the sign-ups quickly.
    static let scenario = """
        name: live-load
        duration: 1m
        topology:
          use: standard
          auth: {argon2: {memory: 64KiB, iterations: 1, parallelism: 1}}
        workload: {users: 6, rate: 40/s}
        """

    @Test func loadRunsTheWorkloadModelAndTheStatesConverge() async throws {
        let folder = try LiveHarness.freshFolder()
        let scenario = try ScenarioLoader.parse(yaml: Self.scenario, file: "live-load.yaml")
        let data = try ServeDataFolder.prepare(path: folder.appendingPathComponent("data").path, freshSeed: 3)
        var cluster: LiveCluster?
        for _ in 0..<8 where cluster == nil {
            // A base whose ports are taken fails to start: another is tried.
            cluster = try? await LiveCluster.start(
                ServeOptions(scenario: scenario, basePort: Int.random(in: 20_000...40_000), data: data, loadRate: 40))
        }
        let live = try #require(cluster)
        let busy = await LiveHarness.eventually(timeoutSeconds: 120) {
            let report = await live.load!.generator.report()
            return (report.byOperation["create"]?[.ok] ?? 0) >= 5
        }
        #expect(busy, "the load never created runbooks")
        let summary = await live.stop()
        #expect(summary.problems == 0, "\(summary.lines().joined(separator: "\n"))")
        #expect(summary.drained && summary.converged, "\(summary.lines().joined(separator: "\n"))")
        #expect(summary.requests(surface: "edge", outcome: "ok") > 0)
        #expect(summary.lines().contains { $0.hasPrefix("load: ") })
    }

    @Test(arguments: [(0.05, false), (0.1, true), (10_000, true), (10_001, false)])
    func loadBounds(rate: Double, accepted: Bool) {
        #expect((ServeOptions.loadProblem(rate) == nil) == accepted)
    }
}
