import Foundation
import TestSupport
import Testing

@testable import Sim

/// The `fuzz:` block: every key decoded, every mistake reported at its line and column.
@Suite("Fuzz bounds")
struct FuzzBoundsTests {
    static func parse(_ fuzz: String, workload: Bool = true) throws -> Scenario {
        let yaml =
            "name: base\nduration: 1m\n" + (workload ? "workload: {users: 5, rate: 1/s}\n" : "") + "fuzz:\n" + fuzz
        return try ScenarioLoader.parse(yaml: yaml, file: "base.yaml")
    }

    @Test func everyKeyIsDecoded() throws {
        let bounds = try #require(
            try Self.parse(
                """
                  kinds: [partition, crash]
                  faults: 1..3
                  fault_duration: 1s..20s
                  intensity: 0.1..0.5
                  clock_skew: 30s
                  fault_latency: 200ms..1s
                  links: base
                  duration: 30s..2m
                  users: 2..9
                  rate: 1/s..4/s
                  mix: false
                  surfaces: false

                """
            ).fuzz)
        #expect(bounds.kinds == [.partition, .crash])
        #expect(bounds.faultCount == 1...3)
        #expect(bounds.faultDurationUs == VirtualTime.second...20 * VirtualTime.second)
        #expect(bounds.intensity == 0.1...0.5)
        #expect(bounds.clockSkewUs == 30 * VirtualTime.second)
        #expect(bounds.faultLatencyUs == 200 * VirtualTime.ms...VirtualTime.second)
        #expect(bounds.linkLatencyUs == nil)
        #expect(bounds.durationUs == 30 * VirtualTime.second...2 * VirtualTime.minute)
        #expect(bounds.users == 2...9)
        #expect(bounds.ratePerSecond == 1...4)
        #expect(!bounds.drawsMix && !bounds.drawsSurfaces)
    }

    @Test func aBaseWithoutAFuzzBlockDrawsEveryKindItsTopologyCanTake() throws {
        let plain = try ScenarioLoader.parse(yaml: "name: a\nduration: 1m\n", file: "a.yaml")
        #expect(plain.fuzz == nil)
        #expect(ScenarioDrawer(base: plain).bounds.kinds == FaultKind.allCases)
        let single = try ScenarioLoader.parse(
            yaml: """
                name: a
                duration: 1m
                topology:
                  verticals: [{id: solo, platform: p, region: r, runtime: {cold_start: 1ms, warm_latency: 1ms, timeout: 1s, max_payload: 1MB, idle_eviction: 1m, concurrency: 1}}]
                  domains: [{name: solo.example, registrar: r, dns_ttl: 1m, targets: [solo]}]
                """, file: "a.yaml")
        let kinds = ScenarioDrawer(base: single).bounds.kinds
        #expect(!kinds.contains(.partition) && !kinds.contains(.edgeOutage) && kinds.contains(.crash))
    }

    @Test(arguments: [
        ("  flavour: spicy\n", "base.yaml:5:3: unknown key \"flavour\" in fuzz (expected one of: kinds, faults,"),
        ("  faults: 5..2\n", "base.yaml:5:11: fuzz.faults: range 5..2 is empty (expected LOW <= HIGH)"),
        ("  faults: 0..99\n", "base.yaml:5:11: fuzz.faults: 0..99 is out of range (expected values from 0 to 32)"),
        (
            "  faults: many\n",
            "base.yaml:5:11: fuzz.faults: expected a count, or a range LOW..HIGH of them, found \"many\""
        ),
        ("  kinds: [meteor]\n", "base.yaml:5:11: fuzz.kinds[0]: unknown fault kind \"meteor\""),
        ("  kinds: [crash, crash]\n", "base.yaml:5:18: fuzz.kinds[1]: fault kind \"crash\" is listed twice"),
        ("  intensity: 0.5..2\n", "base.yaml:5:14: fuzz.intensity: 0.5..2 is out of range"),
        ("  clock_skew: 10m\n", "base.yaml:5:15: fuzz.clock_skew: clock skew 10m exceeds the sync tolerance"),
        ("  fault_duration: 1s..fast\n", "base.yaml:5:19: fuzz.fault_duration: expected a duration like 30s"),
        ("  rate: 1/s..1/fortnight\n", "base.yaml:5:9: fuzz.rate: expected a rate like 5/s"),
        ("  mix: sometimes\n", "base.yaml:5:8: fuzz.mix: expected true or false, found \"sometimes\""),
    ])
    func mistakesAreReportedAtTheirLineAndColumn(fuzz: String, message: String) throws {
        do {
            _ = try Self.parse(fuzz)
            Issue.record("accepted: \(fuzz)")
        } catch let error as ScenarioError {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test func workloadBoundsNeedAWorkload() throws {
        do {
            _ = try Self.parse("  users: 1..5\n", workload: false)
            Issue.record("accepted")
        } catch let error as ScenarioError {
            #expect(error.description.hasPrefix("base.yaml:4:10: fuzz.users: fuzz.users needs a workload"), "\(error)")
        }
        #expect(try Self.parse("  users: base\n", workload: false).fuzz?.users == nil)
    }

    @Test func aDrawnChaosPhaseMustOutlastTheScript() throws {
        let yaml = """
            name: base
            duration: 1m
            script:
              - {at: 40s, user: alice, via: glassbreak.io, do: signup}
            fuzz:
              duration: 30s..2m
            """
        do {
            _ = try ScenarioLoader.parse(yaml: yaml, file: "base.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("base.yaml:6:13: fuzz.duration: a drawn chaos phase of 30s would cut"))
        }
    }

    @Test func runIgnoresTheFuzzBlock() throws {
        let withBlock = try Self.parse("  faults: 1..2\n")
        var without = withBlock
        without.fuzz = nil
        let a = TemporaryFolder()
        let b = TemporaryFolder()
        defer {
            a.cleanup()
            b.cleanup()
        }
        let first = try Simulation(scenario: withBlock, directory: a.url).run()
        let second = try Simulation(scenario: without, directory: b.url).run()
        #expect(first.traceSHA256 == second.traceSHA256)
    }
}
