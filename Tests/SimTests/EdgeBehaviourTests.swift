import Foundation
import TestSupport
import Testing
import Verticals

@testable import Sim

/// The edge's promises, end to end through the simulated clients.
@Suite("Edge behaviour in the simulation")
struct EdgeBehaviourTests {
    @Test func a5xxMovesThePinOnceAndTheRetriedRequestSucceeds() throws {
        let yaml = """
            name: failover
            duration: 30s
            script:
              - {at: 1s, user: alice, via: glassbreak.io, pin: aws, do: list}
              - {at: 10s, user: alice, via: glassbreak.io, do: create, runbook: r1}
              - {at: 12s, user: alice, via: glassbreak.io, do: read, runbook: r1}
              - {at: 14s, user: alice, via: glassbreak.io, do: update, runbook: r1}
            faults:
              - {at: 5s, for: 20s, kind: compute-outage, target: aws}
            expect:
              availability: {glassbreak.io: 100%}
            """
        let result = try simulate(yaml)
        #expect(result.pass, "\(result.failedChecks)")
        #expect(result.metric("failovers") == .int(1), "moved once, then stays on scaleway")
        #expect(result.check("script")?.pass == true)
        #expect(result.faults[0].affectedRequests == 1)
    }

    @Test func healthChecksFollowTheirParameters() throws {
        let yaml = """
            name: health
            duration: 2m
            faults:
              - {at: 10s, for: 50s, kind: compute-outage, target: aws}
            expect:
              lost_writes: 0
            """
        let result = try simulate(yaml)
        guard case .array(let changes)? = result.metric("edge")?["health"] else {
            Issue.record("no health changes"); return
        }
        // interval 5s, window 5, threshold 3, initial 4: probes sent at 10, 15, 20 s fail -> down
        // when the third failure comes back (20 s plus its round trip over the client link); after
        // the fault, probes sent at 60, 65, 70 s pass -> up when the third answer comes back
        // (a round trip, the runtime's warm latency and the database round trip).
        #expect(changes.count == 2)
        guard case .int(let downMs)? = changes.first?["at_ms"], case .int(let upMs)? = changes.last?["at_ms"]
        else { Issue.record("health changes \(changes)"); return }
        #expect((20_000...20_100).contains(downMs), "\(downMs)")
        #expect((70_000...70_400).contains(upMs), "\(upMs)")
        #expect(changes.first?["healthy"] == .bool(false))
        #expect(changes.last?["healthy"] == .bool(true))
    }

    @Test func newSessionsAvoidAnUnhealthyVertical() throws {
        let yaml = """
            name: pins
            duration: 3m
            workload: {users: 300, rate: 20/s, surfaces: {glassbreak.io: 1}}
            faults:
              - {at: 0s, kind: compute-outage, target: aws}
            expect:
              availability: {glassbreak.io: 100%}
            """
        let result = try simulate(yaml)
        #expect(result.pass, "\(result.failedChecks)")
        guard case .object(let pins)? = result.metric("edge")?["pins"] else { Issue.record("no pins"); return }
        let aws = pins.first { $0.0 == "aws" }?.1, scaleway = pins.first { $0.0 == "scaleway" }?.1
        // Only the sessions that arrived in the first 20 s (before the third failed probe) can be pinned to aws.
        guard case .int(let onAws)? = aws, case .int(let onScaleway)? = scaleway else { Issue.record("pins"); return }
        #expect(onAws < 200)
        #expect(onScaleway > 190)
        #expect(onScaleway > onAws)
    }

    @Test func directSurfacesStayUpWhenTheEdgeOrAnotherRegistrarFails() throws {
        for fault in [
            "{at: 10s, for: 2m, kind: edge-outage, target: fastly}",
            "{at: 10s, for: 2m, kind: registrar-suspension, target: glassbreak.io}",
        ] {
            let yaml = """
                name: direct
                duration: 3m
                workload: {users: 100, rate: 10/s}
                faults:
                  - \(fault)
                expect:
                  availability: {glassbreak.cloud: 100%, glass-break.com: 100%}
                """
            let result = try simulate(yaml)
            #expect(result.pass, "\(fault): \(result.failedChecks)")
            #expect(result.faults[0].affectedRequests > 0, "the fault did hit the edge domain")
        }
    }
}

@Suite("Runner and reports")
struct RunnerTests {
    @Test func aFolderThatIsNotARunFolderIsNeverOverwritten() throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: folder.url.appendingPathComponent("notes.txt"))
        #expect(throws: RunRequestError.self) { try ScenarioRunner.checkFolders([folder.url]) }
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("notes.txt").path))
        // A result.json alone does not make a folder simctl's (issue 10): only its marker does.
        let runFolder = folder.url.appendingPathComponent("earlier-run")
        try FileManager.default.createDirectory(at: runFolder, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: runFolder.appendingPathComponent("result.json"))
        #expect(throws: RunRequestError.self) { try ScenarioRunner.checkFolders([runFolder]) }
        var marker = RunMarker(scenario: "earlier", seed: 1)
        marker.complete = true
        marker.entries = ["result.json"]
        try marker.json().write(to: runFolder.appendingPathComponent(RunMarker.fileName))
        try ScenarioRunner.checkFolders([runFolder])
    }

    @Test func aMalformedFileStopsEverythingBeforeAnyRun() throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let good = folder.url.appendingPathComponent("good.yaml"), bad = folder.url.appendingPathComponent("bad.yaml")
        try Data("name: good\nduration: 1m\n".utf8).write(to: good)
        try Data("name: bad\nduration: 1 minute\n".utf8).write(to: bad)
        do {
            _ = try ScenarioRunner.load(paths: [good.path, bad.path], seedOverride: nil)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "\(bad.path):2:11: duration: expected a duration like 250ms, 30s, 1m30s or 1h (plain decimal numbers; units d, h, m, s, ms, us, largest first), found \"1 minute\""
            )
        }
    }

    @Test func staleOnlyAppliesWhereThereIsAPreviousCredential() throws {
        let yaml =
            "name: s\nduration: 1m\nscript:\n  - {at: 1s, user: a, via: glassbreak.io, do: logout, stale: true}\n"
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(yaml: yaml, file: "s.yaml") }
    }

    @Test func junitHasOneCasePerCheckAndEscapesDetails() throws {
        let result = RunResult(
            scenario: "s<1>", seed: 1, pass: false, virtualMs: 1, wallMs: 1, requests: 1, events: 1,
            checks: [
                CheckResult(
                    name: "lost_writes", expected: "0", observed: "2", pass: false,
                    detail: "runbook \"a\" & <b>"),
                CheckResult(name: "converged", expected: "true", observed: "true", pass: true),
            ],
            metrics: .object([]), faults: [], traceSHA256: "")
        let xml = Report.junit([result])
        #expect(xml.contains(#"<testsuite name="s&lt;1&gt;" tests="2" failures="1""#))
        #expect(xml.contains(#"<testcase classname="s&lt;1&gt;" name="converged"></testcase>"#))
        #expect(xml.contains("runbook &quot;a&quot; &amp; &lt;b&gt;"))
    }
}
