import Foundation
import Sim
import Testing

@testable import Live

/// `--load`: simulated users of the workload model against the live surfaces.
@Suite(.serialized)
struct LiveLoadTests {
    /// A short load signs users up and writes through the edge and the direct surfaces; the
    /// verticals end identical.
    @Test func loadRunsTheWorkloadModelAndTheStatesConverge() async throws {
        let folder = try LiveHarness.freshFolder()
        let scenario = try ServeOptions.scenario("standard")
        let data = try ServeDataFolder.prepare(path: folder.appendingPathComponent("data").path, freshSeed: 3)
        var cluster: LiveCluster?
        for _ in 0..<8 where cluster == nil {
            let base = Int.random(in: 20_000...40_000)
            cluster = try? await LiveCluster.start(
                ServeOptions(scenario: scenario, basePort: base, data: data, loadRate: 40))
        }
        let live = try #require(cluster)
        let busy = await LiveHarness.eventually(timeoutSeconds: 30) {
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
