import Foundation
import Testing
import Verticals

@testable import Sim

/// Every fault counts what it stopped, and `faults_hit` fails a scenario whose fault hit nothing
/// (issue 12, item 8).
@Suite("Faults prove they hit")
struct FaultHitTests {
    /// A fault aimed where nothing goes (a partition while nobody writes) misses: the check
    /// fails and names it; `faults_hit: false` turns the check off.
    @Test(arguments: [("", false), ("  faults_hit: false\n", true)])
    func aFaultThatHitsNothingFailsTheCheck(expect: String, passes: Bool) throws {
        let yaml = """
            name: miss
            duration: 30s
            script:
              - {at: 1s, user: ops, via: glassbreak.cloud, do: status}
            faults:
              - {at: 5s, for: 10s, kind: partition, between: [aws, scaleway]}
            expect:
              lost_writes: 0
            \(expect)
            """
        let result = try simulate(yaml)
        #expect(result.faults[0].hit == false)
        let check = result.check("faults_hit")
        if passes {
            #expect(check == nil)
            #expect(result.pass)
        } else {
            #expect(check?.pass == false)
            #expect(check?.detail?.contains("partition on aws-scaleway at 5.000s") == true, "\(check?.detail ?? "")")
            #expect(!result.pass)
        }
    }

    /// A provider outage counts the requests, probes and sync envelopes it stopped, and the
    /// result says it hit.
    @Test func aProviderOutageCountsEverythingItStopped() throws {
        let yaml = """
            name: outage
            duration: 2m
            workload: {users: 30, rate: 5/s}
            faults:
              - {at: 20s, for: 60s, kind: provider-outage, target: aws}
            """
        let result = try simulate(yaml)
        let fault = result.faults[0]
        #expect(fault.hit)
        #expect(fault.affectedRequests > 0)
        #expect(fault.affectedProbes >= 10)
        #expect(fault.affectedEnvelopes > 0, "envelopes to or from AWS while it was gone")
        #expect(result.check("faults_hit")?.pass == true)
        guard case .array(let faults)? = result.json()["faults"], let first = faults.first else {
            Issue.record("no faults in the result"); return
        }
        for key in ["hit", "affected_requests", "affected_probes", "affected_envelopes", "affected_acks"] {
            #expect(first[key] != nil, "faults[].\(key)")
        }
    }

    /// Link faults count envelopes and acknowledgements separately.
    @Test func linkFaultsCountEnvelopesAndAcks() throws {
        let yaml = """
            name: loss
            duration: 1m
            workload: {users: 30, rate: 5/s}
            faults:
              - {at: 10s, for: 40s, kind: message-loss, between: [aws, scaleway], rate: 0.5}
            """
        let fault = try simulate(yaml).faults[0]
        #expect(fault.affectedEnvelopes > 0)
        #expect(fault.affectedAcks > 0)
        #expect(fault.affectedMessages == fault.affectedEnvelopes + fault.affectedAcks)
    }
}
