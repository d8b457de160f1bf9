import AsyncHTTPClient
import Foundation
import GRDB
import Sim
import Testing
import Verticals

@testable import Live

/// Live faults acting on real servers and real HTTP sync.
@Suite(.serialized)
struct LiveFaultTests {
    /// Signs a user up on `vertical`'s direct surface; returns the bearer header.
    static func signUp(_ live: LiveHarness, on url: String, email: String) async throws -> (String, String) {
        let signup = try await live.call(
            "POST", url + "/api/auth/signup", json: #"{"email":"\#(email)","password":"correct horse"}"#)
        #expect(signup.status == 201)
        let tokens = try #require(signup.json["tokens"] as? [String: Any])
        return ("authorization", "Bearer \(try #require(tokens["access_token"] as? String))")
    }

    /// A partition holds writes back; once lifted, the senders fill the gap and both verticals
    /// hold the same runbooks.
    @Test func partitionHealsAndSyncCatchesUp() async throws {
        let live = try await LiveHarness.start()
        let ready = live.cluster.ready
        let (aws, scaleway) = (try #require(ready.url(of: "aws")), try #require(ready.url(of: "scaleway")))
        let bearer = try await Self.signUp(live, on: aws, email: "grace@example.com")
        #expect(
            try await LiveHarness.eventually(timeoutSeconds: 10) {
                try await live.call("GET", scaleway + "/api/runbooks", headers: [bearer]).status == 200
            }, "the account never reached scaleway")
        let partition = try await live.call(
            "POST", ready.control + "/api/faults", json: #"{"kind":"partition","between":["aws","scaleway"]}"#)
        #expect(partition.status == 201)
        for index in 1...5 {
            let create = try await live.call(
                "POST", aws + "/api/runbooks", json: #"{"id":"p-\#(index)","title":"during the partition"}"#,
                headers: [bearer])
            #expect(create.status == 201)
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(
            try await live.call("GET", scaleway + "/api/runbooks/p-1", headers: [bearer]).status == 404,
            "nothing crosses a partition")
        _ = try await live.call("DELETE", ready.control + "/api/faults")
        let caughtUp = try await LiveHarness.eventually(timeoutSeconds: 30) {
            try await live.call("GET", scaleway + "/api/runbooks/p-5", headers: [bearer]).status == 200
        }
        #expect(caughtUp, "sync never caught up after the partition healed")
        let summary = try await live.stop()
        #expect(summary.problems == 0, "\(summary.lines().joined(separator: "\n"))")
        #expect(summary.drained && summary.converged, "the verticals' digests differ after the heal")
    }

    /// A crashed vertical's server refuses connections (the edge moves its sessions), and comes
    /// back when the crash is lifted.
    @Test func crashStopsTheServerAndRestartsIt() async throws {
        let live = try await LiveHarness.start()
        let ready = live.cluster.ready
        let aws = try #require(ready.url(of: "aws"))
        let crash = try await live.call(
            "POST", ready.control + "/api/faults", json: #"{"kind":"crash","target":"aws","for_ms":600000}"#)
        #expect(crash.status == 201)
        await #expect(throws: (any Error).self) {
            _ = try await live.call("GET", aws + "/api/public/status", timeoutSeconds: 2)
        }
        let edge = try #require(ready.edge)
        let viaEdge = try await live.call("GET", edge + "/api/public/status", headers: [("cookie", "gb_vertical=aws")])
        #expect(viaEdge.status == 200)
        #expect(viaEdge.header("x-gb-vertical") == "scaleway")
        #expect(viaEdge.header("set-cookie")?.hasPrefix("gb_vertical=scaleway") == true)
        _ = try await live.call("DELETE", ready.control + "/api/faults")
        let back = await LiveHarness.eventually(timeoutSeconds: 10) {
            (try? await live.call("GET", aws + "/api/public/status", timeoutSeconds: 2).status) == 200
        }
        #expect(back, "aws did not come back after the crash was lifted")
        let summary = try await live.stop()
        #expect(summary.failovers == 1)
        #expect(summary.problems == 0, "\(summary.lines().joined(separator: "\n"))")
        #expect(summary.converged)
    }

    /// A partition still in force at the stop is lifted for the heal, and the comparison sees the
    /// states converge; a state digest that differs is reported table by table.
    @Test func stopHealsAndComparesTheStates() async throws {
        let live = try await LiveHarness.start()
        let ready = live.cluster.ready
        let aws = try #require(ready.url(of: "aws"))
        let bearer = try await Self.signUp(live, on: aws, email: "lin@example.com")
        _ = try await live.call(
            "POST", ready.control + "/api/faults", json: #"{"kind":"partition","between":["aws","scaleway"]}"#)
        let create = try await live.call(
            "POST", aws + "/api/runbooks", json: #"{"id":"held","title":"held back"}"#, headers: [bearer])
        #expect(create.status == 201)
        let summary = try await live.stop()
        #expect(summary.liftedFaults == 1)
        #expect(summary.drained && summary.converged, "\(summary.lines().joined(separator: "\n"))")
        #expect(summary.lines().contains { $0.hasPrefix("state: aws = scaleway") })
        // The comparison is simctl audit's: the stopped data folder audits identical, digest for digest.
        let audit = try FolderAudit.run(folder: ready.data)
        #expect(audit.identical)
        #expect(audit.verticals.map(\.digest.sha256Hex) == summary.digests.map(\.digest.sha256Hex))
        #expect(summary.lines().contains { $0.contains("aws: state digest \(audit.verticals[0].digest.sha256Hex)") })
        // A row changed by hand on one vertical: the summary names it with what each side holds.
        try Self.retitleByHand(runbook: "held", in: ready.data + "/scaleway.sqlite")
        let edited = try FolderAudit.run(folder: ready.data)
        let different = LiveSummary(
            stats: LiveStats().snapshot(), durationUs: summary.durationUs, ready: ready, liftedFaults: 0,
            drained: true, digests: edited.verticals.map { ($0.vertical, $0.digest) }, load: nil)
        #expect(!different.converged)
        #expect(different.differences.map(\.item) == [.row(table: "runbook", key: ["held"])])
        let lines = different.lines()
        #expect(lines.contains("state: DIFFERENT (simctl audit \(ready.data) lists every difference)"), "\(lines)")
        #expect(
            lines.contains { $0.hasPrefix("  runbook id=held: aws hlc ") && $0.contains("scaleway hlc") }, "\(lines)")
    }

    /// Changes a runbook's title in a stopped vertical's database, writing no outbox row (the
    /// triggers see a consumer), like a hand edit; synchronous, so GRDB's blocking API is used.
    static func retitleByHand(runbook id: String, in path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            db.add(function: DatabaseFunction("sync_is_consumer", argumentCount: 0, pure: false) { _ in true })
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write {
            try $0.execute(sql: "UPDATE runbook SET title = 'edited by hand' WHERE id = ?", arguments: [id])
        }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }

    /// A fault the control server cannot act out is refused with 400 and a reason.
    @Test(arguments: [
        (#"{"kind":"clock-skew","target":"aws"}"#, "not a live fault"),
        (#"{"kind":"crash","target":"nowhere"}"#, "not a vertical"),
        (#"{"kind":"partition","between":["aws","aws"]}"#, "two different verticals"),
        (#"{"kind":"brownout","target":"aws","rate":2}"#, "out of bounds"),
        (#"{"kind":"nonsense"}"#, "not a fault kind"),
    ])
    func badFaultsAreRefused(body: String, reason: String) async throws {
        let live = try await LiveHarness.start()
        let answer = try await live.call("POST", live.cluster.ready.control + "/api/faults", json: body)
        #expect(answer.status == 400)
        #expect(answer.body.contains(reason), "\(answer.body)")
        _ = try await live.stop()
    }
}
