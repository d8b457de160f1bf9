import Foundation
import Testing

@testable import Sim

/// The shrinker against predicates whose minimal failing input is known, without running worlds.
@Suite("Shrinker")
struct ShrinkerTests {
    static func scenario(faults: Int) throws -> Scenario {
        var base = try ScenarioLoader.parse(
            yaml: """
                name: s
                duration: 2m
                workload: {users: 40, rate: 16/s}
                expect:
                  lost_writes: 0
                  converged: true
                """, file: "s.yaml")
        let kinds: [FaultKind] = [.crash, .computeOutage, .databaseOutage, .bucketOutage, .brownout]
        base.faults = (0..<faults).map { index in
            var fault = FaultSpec(
                kind: kinds[index % kinds.count], target: .vertical(index % 2 == 0 ? "aws" : "scaleway"),
                atUs: Int64(index) * 5 * VirtualTime.second, forUs: 40 * VirtualTime.second, oneway: false,
                location: SourceLocation(file: "s.yaml", line: 1, column: 1))
            if fault.kind == .brownout { fault.rate = 0.8 }
            return fault
        }
        return base
    }

    @Test(arguments: [1, 2, 5, 9, 16])
    func ddminFindsTheTwoFaultsThatMatter(count: Int) throws {
        let scenario = try Self.scenario(faults: max(count, 2))
        let culprits = [scenario.faults[0].atUs, scenario.faults[scenario.faults.count - 1].atUs]
        var shrinker = Shrinker(target: "lost_writes", budget: 500, base: nil) { candidate in
            culprits.allSatisfy { at in candidate.faults.contains { $0.atUs == at } }
        }
        let shrunk = try shrinker.shrink(scenario)
        #expect(shrunk.faults.map(\.atUs) == culprits)
        #expect(shrunk.expectations.map(\.checkName) == ["lost_writes"], "only the failing check is kept")
        #expect(shrinker.runs < 120)
    }

    @Test func durationsIntensitiesChaosAndWorkloadShrinkWhileTheFailureHolds() throws {
        let scenario = try Self.scenario(faults: 5)
        // Fails while one brownout of rate >= 0.2 lasting >= 5 s exists and at least 3 users.
        var shrinker = Shrinker(target: "lost_writes", budget: 500, base: nil) { candidate in
            (candidate.workload?.users ?? 0) >= 3
                && candidate.faults.contains {
                    $0.kind == .brownout && ($0.rate ?? 0) >= 0.2 && ($0.forUs ?? 0) >= 5 * VirtualTime.second
                }
        }
        let shrunk = try shrinker.shrink(scenario)
        let fault = try #require(shrunk.faults.first)
        #expect(shrunk.faults.count == 1 && fault.kind == .brownout)
        #expect(fault.rate == 0.2)
        #expect(fault.forUs == 5 * VirtualTime.second)
        #expect(shrunk.durationUs < scenario.durationUs)
        #expect(shrunk.durationUs > fault.atUs)
        #expect(shrunk.workload?.users == 5, "40 halved while at least 3: 20, 10, 5")
        // The rate does not matter to this predicate: it halves down to the lowest rate the loader
        // still accepts, one that sends at least one request in the shortened run.
        let rate = try #require(shrunk.workload?.ratePerSecond)
        let seconds = Double(shrunk.durationUs) / Double(VirtualTime.second)
        #expect(rate < scenario.workload!.ratePerSecond)
        #expect(rate * seconds >= 1 && (rate / 2) * seconds < 1, "rate \(rate)/s over \(seconds) s")
        #expect(try ScenarioLoader.parse(yaml: ScenarioWriter.yaml(shrunk), file: "min.yaml").faults.count == 1)
    }

    @Test func theBudgetBoundsTheRuns() throws {
        var shrinker = Shrinker(target: "lost_writes", budget: 7, base: nil) { _ in true }
        _ = try shrinker.shrink(try Self.scenario(faults: 9))
        #expect(shrinker.runs == 7)
    }

    @Test func aCandidateFailingAnotherCheckIsNotKept() throws {
        let scenario = try Self.scenario(faults: 3)
        var shrinker = Shrinker(target: "converged", budget: 100, base: nil) { _ in false }
        let shrunk = try shrinker.shrink(scenario)
        #expect(shrunk.faults.count == 3, "nothing reproduced the target, so nothing shrank")
        #expect(shrinker.runs == 1)
    }
}
