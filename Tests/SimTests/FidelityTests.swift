import Foundation
import TestSupport
import Testing
import Verticals

@testable import Sim

/// Health checks over the network, the observability headers and the footer indicator,
/// placement of databases, and what reports keep (issue 12, items 1, 2, 3 and 9).
@Suite("Fidelity: probes, observability, placement, reports")
struct FidelityTests {
    /// A database outage fails the status endpoint (503), so the probes fail and the edge takes
    /// the vertical out of rotation; a bucket outage does not.
    @Test(arguments: [("database-outage", true), ("bucket-outage", false), ("brownout", true)])
    func probesSeeWhatTheStatusEndpointSees(kind: String, outOfRotation: Bool) throws {
        let rate = kind == "brownout" ? ", rate: 1" : ""
        let yaml = """
            name: probes
            duration: 2m
            faults:
              - {at: 10s, for: 50s, kind: \(kind), target: scaleway\(rate)}
            expect:
              lost_writes: 0
            """
        let result = try simulate(yaml)
        let probes = result.metric("edge")?["probes"]
        guard case .int(let failed)? = probes?["targets"]?["scaleway"]?["failed"] else {
            Issue.record("no probe counts"); return
        }
        guard case .array(let changes)? = result.metric("edge")?["health"] else { Issue.record("no health"); return }
        if outOfRotation {
            #expect(failed >= 10, "probes during 50 s of \(kind): \(failed) failed")
            #expect(changes.first?["healthy"] == .bool(false))
        } else {
            #expect(failed == 0)
            #expect(changes.isEmpty)
        }
    }

    /// A probe whose answer comes later than `timeout` fails even though it would have passed:
    /// a 400 ms client link makes every round trip 800 ms against a 500 ms timeout.
    @Test func aLateAnswerFailsTheProbe() throws {
        let yaml = """
            name: late
            duration: 1m
            topology:
              use: standard
              network: {client: {latency: 400ms}}
              edge: {name: fastly, health_check: {interval: 5s, timeout: 500ms, window: 5, threshold: 3, initial: 4}}
            expect:
              lost_writes: 0
            """
        let result = try simulate(yaml)
        let probes = result.metric("edge")?["probes"]
        #expect(probes?["failed"] == probes?["sent"])
        #expect(probes?["timed_out"] == probes?["sent"])
    }

    /// `expected` is the status a passing probe must answer: expecting 204 fails every probe.
    @Test func theExpectedStatusDecides() throws {
        let yaml = """
            name: expected
            duration: 30s
            topology:
              use: standard
              edge: {name: fastly, health_check: {interval: 5s, timeout: 2s, window: 5, threshold: 3, initial: 4, expected: 204}}
            expect:
              lost_writes: 0
            """
        let result = try simulate(yaml)
        let probes = result.metric("edge")?["probes"]
        #expect(probes?["sent"] != .int(0))
        #expect(probes?["failed"] == probes?["sent"])
    }

    /// A script `status` step checks the status, the reported vertical, platform and environment;
    /// a wrong expectation fails the script check and says what was reported.
    @Test func statusStepsCheckWhatTheVerticalClaims() throws {
        let yaml = """
            name: status
            duration: 30s
            script:
              - {at: 1s, user: ops, via: glassbreak.cloud, do: status, expect_vertical: aws, expect_platform: aws-lambda, expect_environment: production}
              - {at: 2s, user: ops, via: glass-break.com, do: status, expect_vertical: aws}
              - {at: 5s, user: ops, via: glass-break.com, do: status, expect_status: 503, expect_vertical: scaleway}
            faults:
              - {at: 4s, for: 10s, kind: database-outage, target: scaleway}
            """
        let result = try simulate(yaml)
        let script = try #require(result.check("script"))
        #expect(script.observed == "1 of 3 steps failed")
        #expect(script.detail?.contains("reported vertical scaleway (header scaleway), expected aws") == true)
    }

    /// Opted-in users' page views call the status endpoint; the result counts them per vertical,
    /// and they stay out of the surfaces' availability and request counts.
    @Test func theFooterIndicatorCountsViewsPerVertical() throws {
        func run(_ share: String) throws -> RunResult {
            try simulate(
                """
                name: footer
                duration: 1m
                workload: {users: 50, rate: 10/s, footer_indicator: \(share)}
                expect:
                  availability: {glassbreak.io: 100%}
                """)
        }
        let none = try run("0"), all = try run("1")
        #expect(none.metric("footer")?["views"] == .int(0))
        guard case .int(let views)? = all.metric("footer")?["views"],
            case .object(let byVertical)? = all.metric("footer")?["by_vertical"]
        else { Issue.record("no footer metrics"); return }
        #expect(views > 100)
        let counted = byVertical.reduce(Int64(0)) { sum, pair in if case .int(let n) = pair.1 { sum + n } else { sum } }
        #expect(counted == views)
        guard case .object(let outcomes)? = all.metric("outcomes") else { Issue.record("no outcomes"); return }
        let judged = outcomes.reduce(Int64(0)) { sum, pair in if case .int(let n) = pair.1 { sum + n } else { sum } }
        #expect(judged == Int64(all.requests), "footer calls are not counted as the users' requests")
    }

    /// The trace's request lines carry the platform and environment the response claimed.
    @Test func requestLinesCarryTheClaimedPlatform() throws {
        let yaml = """
            name: headers
            duration: 10s
            script:
              - {at: 1s, user: ops, via: glassbreak.cloud, do: status}
            """
        var scenario = try ScenarioLoader.parse(yaml: yaml, file: "test.yaml")
        scenario.seed = 1
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        _ = try Simulation(scenario: scenario, directory: folder.url).run()
        let trace = try String(contentsOf: folder.url.appendingPathComponent("trace.jsonl"), encoding: .utf8)
        let line = try #require(trace.split(separator: "\n").first { $0.contains(#""op":"status""#) })
        #expect(line.contains(#""platform":"aws-lambda""#))
        #expect(line.contains(#""environment":"production""#))
    }

    /// Neon in Frankfurt behind Lambda in us-east-1: each AWS request pays the 90 ms round trip;
    /// after 5 minutes idle Neon suspends and the next request pays its 500 ms wake-up.
    @Test func neonInFrankfurtCostsARoundTripAndWakesFromSuspend() throws {
        let yaml = """
            name: neon
            duration: 8m
            script:
              - {at: 1s, user: ops, via: glassbreak.cloud, do: status}
              - {at: 2s, user: ops, via: glassbreak.cloud, do: status}
              - {at: 7m, user: ops, via: glassbreak.cloud, do: status}
            """
        var scenario = try ScenarioLoader.parse(yaml: yaml, file: "test.yaml")
        scenario.topology.edge = nil
        scenario.topology.domains.removeAll { $0.edge != nil }
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let result = try Simulation(scenario: scenario, directory: folder.url).run()
        #expect(result.metric("verticals")?["aws"]?["database_wakeups"] == .int(1))
        let trace = try String(contentsOf: folder.url.appendingPathComponent("trace.jsonl"), encoding: .utf8)
        let latencies = trace.split(separator: "\n").filter { $0.contains(#""op":"status""#) }.compactMap { line in
            line.range(of: #""latency_us":"#).flatMap { range in
                Int(line[range.upperBound...].prefix { $0.isNumber })
            }
        }
        #expect(latencies.count == 3)
        // Warm request: 2 x client link (about 40 ms) + 15 ms warm + 90 ms Frankfurt round trip.
        #expect((130_000...170_000).contains(latencies[1]), "\(latencies)")
        // After 7 minutes idle: the instance is still warm (10 min eviction), Neon wakes in 500 ms.
        #expect(latencies[2] - latencies[1] >= 490_000, "\(latencies)")
    }

    @Test func theRegionTableIsSymmetricAndKnowsTheDesign() {
        #expect(RegionLatency.oneWayUs("us-east-1", "eu-central-1") == 45_000)
        for a in RegionLatency.regions.map(\.name) {
            for b in RegionLatency.regions.map(\.name) {
                #expect(RegionLatency.oneWayUs(a, b) != nil)
                #expect(RegionLatency.oneWayUs(a, b) == RegionLatency.oneWayUs(b, a))
            }
        }
        #expect(RegionLatency.oneWayUs("us-east-1", "mars-1") == nil)
    }

    @Test func anUnknownDatabasePlacementIsRefused() {
        let yaml = """
            name: placement
            duration: 10s
            topology:
              use: standard
              verticals:
                - {id: aws, platform: aws-lambda, region: us-east-1, database_region: mars-1, runtime: {cold_start: 250ms, warm_latency: 15ms, timeout: 29s, max_payload: 6MB, idle_eviction: 10m, concurrency: 1000}}
                - {id: scaleway, platform: scaleway-functions, region: fr-par, runtime: {cold_start: 400ms, warm_latency: 20ms, timeout: 15m, max_payload: 6MB, idle_eviction: 15m, concurrency: 100}}
            """
        #expect {
            try ScenarioLoader.parse(yaml: yaml, file: "test.yaml")
        } throws: { error in
            "\(error)".contains("no latency known between us-east-1 and mars-1")
        }
    }

    /// The third vertical is a full vertical: its own registrar, domain and direct surface.
    @Test func theThirdVerticalHasItsOwnDomain() throws {
        let scenario = try ScenarioLoader.parse(
            yaml: "name: three\nduration: 10s\ntopology: three-verticals\n", file: "test.yaml")
        let domain = try #require(scenario.topology.domains.first { $0.targets == ["fly"] })
        #expect(domain.edge == nil)
        let registrars = scenario.topology.domains.map(\.registrar)
        #expect(Set(registrars).count == registrars.count)
    }

    /// A passing hazard check (`<= 50%` of read-your-writes) keeps its first-violation detail,
    /// and the summary prints the description under the title.
    @Test func passingChecksKeepTheirDetailWhenTheyObservedSomething() throws {
        let path = ScenarioFiles.root.appendingPathComponent("scenarios/failover-read-your-writes.yaml").path
        let scenario = try ScenarioLoader.load(path: path)
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let result = try Simulation(scenario: scenario, directory: folder.url).run()
        let check = try #require(result.check("read_your_writes"))
        #expect(check.pass)
        #expect(check.detail?.contains("after a failover") == true)
        #expect(result.check("lost_writes")?.detail == nil, "nothing observed, no detail")
        let summary = Report.summary(result, folder: nil, description: "alice loses her write.")
        #expect(summary.split(separator: "\n")[1] == "  alice loses her write.")
        #expect(summary.contains("after a failover"))
    }

    /// The edge's failover latency runs from the failed answer at the edge to the peer's answer,
    /// beside the fault-to-repin time.
    @Test func failoverLatencyIsMeasuredAtTheEdge() throws {
        let yaml = """
            name: failover-latency
            duration: 30s
            script:
              - {at: 1s, user: alice, via: glassbreak.io, pin: aws, do: list}
              - {at: 10s, user: alice, via: glassbreak.io, do: list}
            faults:
              - {at: 5s, for: 20s, kind: compute-outage, target: aws}
            """
        let result = try simulate(yaml)
        let edge = try #require(result.metric("edge"))
        guard case .double(let failover)? = edge["failover_latency_ms"]?["p50"],
            case .double(let repin)? = edge["fault_to_repin_ms"]?["p50"]
        else { Issue.record("no failover figures"); return }
        // The retry to scaleway: one client-link hop there, 20 ms warm (or a cold start), one back.
        #expect((30...600).contains(failover), "\(failover)")
        #expect(repin > 5000, "the fault began 5 s before the session's request")
    }
}
