import Foundation
import GRDB
import Testing

@testable import Sim
@testable import Verticals

/// Every checker must be able to fail: each test plants the defect the checker exists to catch
/// and shows it fires with a useful detail, next to a healthy control run.
@Suite("Checkers catch planted defects")
struct CheckerTests {
    static let base = """
        name: planted
        duration: 90s
        workload: {users: 30, rate: 10/s}
        """

    static func yaml(expect: String, extra: String = "") -> String {
        "\(base)\n\(extra)\nexpect:\n\(expect)\n"
    }

    @Test func syncLoopsFiresWhenTheConsumerFlagIsLost() throws {
        let healthy = try simulate(Self.yaml(expect: "  sync_loops: 0"))
        #expect(healthy.check("sync_loops")?.pass == true)
        let broken = try simulate(Self.yaml(expect: "  sync_loops: 0", extra: "ablate: [consumer-flag]"))
        let check = try #require(broken.check("sync_loops"))
        #expect(!check.pass)
        #expect(Int(check.observed)! > 0)
        #expect(check.detail?.contains("the consumer flag did not suppress them") == true)
        #expect(broken.ablations == ["consumer-flag"])
    }

    @Test func forgedAcceptedFiresWhenTheSignatureCheckIsSkipped() throws {
        let scenario = Self.yaml(
            expect: "  forged_accepted: 0",
            extra: "faults:\n  - {at: 10s, for: 30s, kind: message-tamper, between: [aws, scaleway], rate: 0.5}")
        let healthy = try simulate(scenario)
        #expect(healthy.check("forged_accepted")?.pass == true)
        #expect(healthy.faults[0].affectedMessages > 0)
        guard case .object(let rejected)? = healthy.metric("sync_rejected") else {
            Issue.record("no sync_rejected"); return
        }
        #expect(
            rejected.first { $0.0 == "bad-signature" }.map { $0.1 } != .int(0),
            "tampered envelopes are rejected and counted")
        let broken = try simulate(scenario + "ablate: [signature-check]\n")
        let check = try #require(broken.check("forged_accepted"))
        #expect(!check.pass)
        #expect(check.detail?.contains("forged envelope") == true)
    }

    @Test func forgedAcceptedFiresForAWrongKeyWhenTheCheckIsSkipped() throws {
        let scenario = Self.yaml(
            expect: "  forged_accepted: 0",
            extra: "faults:\n  - {at: 10s, for: 20s, kind: secret-mismatch, target: aws}")
        #expect(try simulate(scenario).pass)
        let broken = try simulate(scenario + "ablate: [signature-check]\n")
        #expect(broken.check("forged_accepted")?.pass == false)
    }

    @Test func lostWritesAndConvergedFireWhenOutboxRowsAreDropped() throws {
        let scenario = Self.yaml(expect: "  lost_writes: 0\n  converged: true")
        #expect(try simulate(scenario).pass)
        let broken = try simulate(scenario) { simulation in
            simulation.queue.schedule(atUs: 30 * VirtualTime.second) {
                try? simulation.nodes[0].vertical.database.write { db in
                    try db.execute(sql: "DROP TRIGGER runbook_outbox_insert")
                }
            }
        }
        let lost = try #require(broken.check("lost_writes"))
        #expect(!lost.pass)
        #expect(lost.detail?.contains("missing on scaleway") == true, "\(lost.detail ?? "")")
        let converged = try #require(broken.check("converged"))
        #expect(!converged.pass)
        // The first differing row is named with its table and key, and what each vertical holds.
        let detail = converged.detail ?? ""
        #expect(detail.contains("first runbook id="), "\(detail)")
        #expect(detail.contains("scaleway absent"), "\(detail)")
    }

    @Test func convergedFiresWhenAttachmentBytesAreDropped() throws {
        let scenario = Self.yaml(expect: "  converged: true")
        #expect(try simulate(scenario).pass)
        let broken = try simulate(scenario) { simulation in
            simulation.nodes[1].vertical.consumer.dropsAttachmentBytes = true
        }
        let check = try #require(broken.check("converged"))
        #expect(!check.pass)
        // Every row matches; the first difference is an attachment's object, absent on scaleway.
        #expect(check.detail?.contains("differs") == true)
        #expect(check.detail?.contains("first object objects/") == true, "\(check.detail ?? "")")
        #expect(check.detail?.contains("scaleway absent") == true, "\(check.detail ?? "")")
    }

    @Test func readYourWritesAndMonotonicReadsFireWhenReadsGoToTheWrongVertical() throws {
        let yaml = """
            name: ryw
            duration: 10s
            faults:
              - {at: 0s, for: 5s, kind: partition, between: [aws, scaleway]}
            script:
              - {at: 1s, user: alice, via: glassbreak.io, pin: aws, do: create, runbook: r1}
              - {at: 1500ms, user: alice, via: glassbreak.io, pin: scaleway, do: read, runbook: r1, expect_status: 404}
              - {at: 3s, user: alice, via: glassbreak.io, pin: aws, do: update, runbook: r1}
              - {at: 3300ms, user: alice, via: glassbreak.io, pin: aws, do: read, runbook: r1}
              - {at: 3700ms, user: alice, via: glassbreak.io, pin: scaleway, do: read, runbook: r1, expect_status: 404}
            expect:
              read_your_writes: 100%
              monotonic_reads: 100%
            """
        let result = try simulate(yaml)
        let ryw = try #require(result.check("read_your_writes"))
        #expect(!ryw.pass)
        #expect(
            ryw.detail?.contains("alice on glassbreak.io wrote runbook:alice-r1 on aws") == true, "\(ryw.detail ?? "")")
        #expect(ryw.detail?.contains("on scaleway after a failover") == true)
        #expect(result.check("monotonic_reads")?.pass == false)
        #expect(result.check("script")?.pass == true)
    }

    @Test func availabilityFiresWhenADirectSurfacesVerticalIsDown() throws {
        let scenario = Self.yaml(
            expect: "  availability: {glass-break.com: 100%, glassbreak.io: 99%}",
            extra: "faults:\n  - {at: 20s, for: 30s, kind: compute-outage, target: scaleway}")
        let result = try simulate(scenario)
        let direct = try #require(result.check("availability.glass-break.com"))
        #expect(!direct.pass)
        #expect(direct.detail?.contains("failed") == true)
        #expect(result.check("availability.glassbreak.io")?.pass == true, "the edge fails over")
        #expect(result.faults[0].affectedRequests > 0)
    }

    @Test func propagationFiresOnASlowLink() throws {
        let slow = """
            name: slow
            duration: 60s
            topology:
              use: standard
              network: {links: {aws-scaleway: {latency: 1200ms, jitter: 100ms}}}
            workload: {users: 20, rate: 10/s}
            expect:
              propagation: {p99: <= 1s}
            """
        let result = try simulate(slow)
        let check = try #require(result.check("propagation.p99"))
        #expect(!check.pass, "a one-way latency of 1.2 s cannot meet 1 s")
        #expect(try simulate(Self.yaml(expect: "  propagation: {p99: <= 1s}")).pass)
    }

    @Test func convergenceTimeFiresWhenCatchUpIsSlow() throws {
        let scenario = Self.yaml(
            expect: "  convergence_time: <= 10ms\n  converged: true",
            extra: "faults:\n  - {at: 10s, kind: partition, between: [aws, scaleway]}")
        let result = try simulate(scenario)
        #expect(result.check("convergence_time")?.pass == false)
        #expect(result.check("converged")?.pass == true, "it does converge, only slower than asked")
    }

    @Test func scriptCheckFiresOnAnUnexpectedStatus() throws {
        let yaml = """
            name: script
            duration: 5s
            script:
              - {at: 1s, user: bob, via: glassbreak.cloud, do: read, runbook: nothing}
            expect:
              lost_writes: 0
            """
        let result = try simulate(yaml)
        let check = try #require(result.check("script"))
        #expect(!check.pass)
        #expect(check.detail?.contains("got 404 (expected 2xx)") == true, "\(check.detail ?? "")")
    }

    @Test func aFaultThatHitNothingIsReportedAsSuch() throws {
        let yaml = """
            name: nothing
            duration: 30s
            workload: {users: 10, rate: 5/s, surfaces: {glassbreak.io: 1}}
            faults:
              - {at: 10s, for: 5s, kind: registrar-suspension, target: glass-break.com}
            expect:
              lost_writes: 0
            """
        let result = try simulate(yaml)
        #expect(result.faults[0].affectedRequests == 0)
        #expect(Report.summary(result, folder: nil).contains("(hit nothing)"))
    }
}
