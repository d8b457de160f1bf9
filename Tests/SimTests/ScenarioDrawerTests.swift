import Foundation
import Testing

@testable import Sim

/// What a seed draws: a function of the seed alone, within the base's bounds, swarm-style.
@Suite("Scenario drawer")
struct ScenarioDrawerTests {
    static let base = """
        name: base
        duration: 1m
        workload: {users: 20, rate: 5/s}
        expect:
          availability: {glassbreak.io: 50%}
        fuzz:
          faults: 0..5
          fault_duration: 1s..40s
          users: 10..30
          rate: 2/s..8/s
          duration: 30s..90s
        """

    static func drawer(_ yaml: String = base) throws -> ScenarioDrawer {
        ScenarioDrawer(base: try ScenarioLoader.parse(yaml: yaml, file: "base.yaml"))
    }

    @Test func theSameSeedDrawsTheSameScenario() throws {
        let drawer = try Self.drawer()
        for seed in UInt64(1)...50 {
            #expect(ScenarioWriter.yaml(drawer.draw(seed: seed)) == ScenarioWriter.yaml(drawer.draw(seed: seed)))
        }
        #expect(ScenarioWriter.yaml(drawer.draw(seed: 1)) != ScenarioWriter.yaml(drawer.draw(seed: 2)))
    }

    @Test func drawsStayWithinTheBounds() throws {
        let drawer = try Self.drawer()
        for seed in UInt64(1)...500 {
            let s = drawer.draw(seed: seed)
            #expect(s.seed == seed)
            #expect((30 * VirtualTime.second...90 * VirtualTime.second).contains(s.durationUs))
            #expect(s.faults.count <= 5)
            for fault in s.faults {
                #expect(fault.atUs >= 0 && fault.atUs < s.durationUs)
                #expect((VirtualTime.second...40 * VirtualTime.second).contains(fault.forUs ?? 0))
                if let rate = fault.rate { #expect(rate >= 0.01 && rate <= 1) }
                if let offset = fault.offsetUs { #expect(abs(offset) <= s.topology.sync.toleranceUs / 2) }
                if let jitter = fault.jitterUs { #expect(jitter <= fault.latencyUs ?? 0) }
            }
            #expect(zip(s.faults, s.faults.dropFirst()).allSatisfy { $0.atUs <= $1.atUs }, "sorted by start")
            let workload = try #require(s.workload)
            #expect((10...30).contains(workload.users))
            #expect(workload.ratePerSecond >= 2 && workload.ratePerSecond <= 8)
            #expect(abs(workload.mix.map(\.1).reduce(0, +) - 1) < 1e-9)
            #expect(abs(workload.surfaces.map(\.1).reduce(0, +) - 1) < 1e-9)
            let link = s.topology.network.defaultLink
            #expect(link.latencyUs >= 5 * VirtualTime.ms && link.latencyUs <= 250 * VirtualTime.ms)
            #expect(link.jitterUs <= link.latencyUs / 2)
        }
    }

    @Test func eachSeedEnablesItsOwnSubsetOfKinds() throws {
        let drawer = try Self.drawer()
        var subsets = Set<String>()
        var kinds = Set<FaultKind>()
        for seed in UInt64(1)...300 {
            let drawn = drawer.draw(seed: seed).faults.map(\.kind)
            kinds.formUnion(drawn)
            subsets.insert(Set(drawn).map(\.rawValue).sorted().joined(separator: ","))
            #expect(Set(drawn).count <= 5)
        }
        #expect(kinds == Set(FaultKind.allCases), "every kind is drawn somewhere in 300 seeds")
        #expect(subsets.count > 100, "seeds differ in the kinds they combine")
    }

    @Test func narrowingOneBoundLeavesTheOtherDrawsInPlace() throws {
        let wide = try Self.drawer()
        let narrow = try Self.drawer(Self.base.replacingOccurrences(of: "users: 10..30", with: "users: 12..12"))
        for seed in UInt64(1)...20 {
            #expect(
                wide.draw(seed: seed).faults.map(ScenarioWriter.fault)
                    == narrow.draw(seed: seed).faults.map(ScenarioWriter.fault))
        }
    }

    @Test func defaultExpectationsAreSafetyAndLivenessPlusTheBases() throws {
        let drawer = try Self.drawer()
        var sawAuthChecks = false
        for seed in UInt64(1)...100 {
            let drawn = drawer.draw(seed: seed)
            let names = drawn.expectations.map(\.checkName)
            #expect(Array(names.prefix(4)) == ["lost_writes", "sync_loops", "forged_accepted", "converged"])
            #expect(names.last == "availability.glassbreak.io", "the base's expectation is added")
            let lagging = drawn.faults.contains { FuzzExpectations.delaysReplication($0.kind) }
            #expect(names.contains("single_use_violations") == !lagging)
            sawAuthChecks = sawAuthChecks || !lagging
        }
        #expect(sawAuthChecks)
    }

    @Test func aBasesOwnBoundReplacesTheDefault() {
        let base = Expectation(
            key: .lostWrites, qualifier: nil, bound: .atMost(3), written: "3",
            location: SourceLocation(file: "b", line: 1, column: 1))
        let merged = FuzzExpectations.merged(base: [base], faults: [], file: "b")
        #expect(merged.filter { $0.key == .lostWrites }.map(\.written) == ["3"])
    }
}
