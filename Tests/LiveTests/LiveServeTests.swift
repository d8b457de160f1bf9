import AsyncHTTPClient
import Foundation
import Testing
import Verticals

@testable import Live

/// `simctl serve` end to end on loopback: real servers, real SQLite, sync over HTTP.
@Suite(.serialized)
struct LiveServeTests {
    /// Signs up and writes through the edge, reads the write on the other vertical's direct
    /// surface, fails the pinned vertical's database and sees the edge fail over with the cookie
    /// rewritten, refuses a forged sync POST, and stops with complete SQLite files.
    @Test func edgeSyncFailoverAndCleanStop() async throws {
        let live = try await LiveHarness.start()
        let ready = live.cluster.ready
        let edge = try #require(ready.edge)

        // Sign up through the edge: a new session is pinned with the gb_vertical cookie.
        let signup = try await live.call(
            "POST", edge + "/api/auth/signup", json: #"{"email":"ada@example.com","password":"correct horse"}"#)
        #expect(signup.status == 201)
        let setCookie = try #require(signup.header("set-cookie"))
        #expect(setCookie.hasPrefix("gb_vertical="))
        #expect(setCookie.contains("Path=/") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
        #expect(!setCookie.contains("Secure"), "plain-HTTP loopback: Secure is dropped")
        let pinned = String(setCookie.dropFirst("gb_vertical=".count).prefix { $0 != ";" })
        let peer = try #require(ready.verticals.map(\.id).first { $0 != pinned })
        #expect(signup.header("x-gb-vertical") == pinned)
        let tokens = try #require(signup.json["tokens"] as? [String: Any])
        let access = try #require(tokens["access_token"] as? String)
        let session = [("cookie", "gb_vertical=\(pinned)"), ("authorization", "Bearer \(access)")]

        // The session sticks, and a runbook written through the edge lands on the pinned vertical.
        let create = try await live.call(
            "POST", edge + "/api/runbooks", json: #"{"id":"rb-1","title":"Restore DNS","body":"step 1"}"#,
            headers: session)
        #expect(create.status == 201)
        #expect(create.header("x-gb-vertical") == pinned)
        #expect(create.header("set-cookie") == nil, "a pinned session keeps its cookie")

        // Sync over HTTP carries it to the peer's direct surface.
        let peerURL = try #require(ready.url(of: peer))
        let started = ContinuousClock.now
        let arrived = try await LiveHarness.eventually(timeoutSeconds: 10) {
            try await live.call("GET", peerURL + "/api/runbooks/rb-1", headers: [session[1]]).status == 200
        }
        #expect(arrived, "the runbook never reached \(peer)")
        print("live: runbook visible on \(peer) after \(ContinuousClock.now - started)")

        // The pinned vertical's database fails (through the control API): the edge retries on
        // the peer and rewrites the cookie.
        let control = ready.control
        let inject = try await live.call(
            "POST", control + "/api/faults", json: #"{"kind":"database-outage","target":"\#(pinned)","for_ms":60000}"#)
        #expect(inject.status == 201)
        let direct = try await live.call(
            "GET", try #require(ready.url(of: pinned)) + "/api/runbooks/rb-1", headers: [session[1]])
        #expect(direct.status == 503, "the pinned vertical's own surface fails")
        let failover = try await live.call("GET", edge + "/api/runbooks/rb-1", headers: session)
        #expect(failover.status == 200)
        #expect(failover.header("x-gb-vertical") == peer)
        #expect(failover.header("set-cookie")?.hasPrefix("gb_vertical=\(peer)") == true)
        let listed = try await live.call("GET", control + "/api/faults")
        #expect(listed.body.contains("database-outage"))
        let lifted = try await live.call("DELETE", control + "/api/faults")
        #expect(lifted.status == 200)

        // Now pinned to the peer: a compute outage there moves the session back, cookie rewritten.
        let moved = [("cookie", "gb_vertical=\(peer)"), session[1]]
        _ = try await live.call(
            "POST", control + "/api/faults", json: #"{"kind":"compute-outage","target":"\#(peer)"}"#)
        let back = try await live.call("GET", edge + "/api/runbooks/rb-1", headers: moved)
        #expect(back.status == 200)
        #expect(back.header("x-gb-vertical") == pinned)
        #expect(back.header("set-cookie")?.hasPrefix("gb_vertical=\(pinned)") == true)
        _ = try await live.call("DELETE", control + "/api/faults")

        // A forged sync POST is refused with 401 and changes nothing.
        let forged = try await live.call(
            "POST", peerURL + SyncEnvelope.httpPath,
            json: #"{"origin":"\#(pinned)","events":[]}"#,
            headers: [
                ("webhook-id", "\(pinned):999"), ("webhook-timestamp", "\(Int(Date().timeIntervalSince1970))"),
                ("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), ("x-gb-sync-origin", pinned),
            ])
        #expect(forged.status == 401)

        let summary = try await live.stop()
        #expect(summary.failovers == 2)
        #expect(summary.problems == 0, "\(summary.lines().joined(separator: "\n"))")
        #expect(summary.converged, "\(summary.lines().joined(separator: "\n"))")
        #expect(summary.requests(surface: "edge", outcome: "ok") == 4)
        #expect(summary.requests(surface: pinned, outcome: "failed") == 1)
        // Stopped cleanly: every database checkpointed and closed, no write-ahead log left.
        for (id, _) in ready.verticals {
            let base = URL(fileURLWithPath: ready.data).appendingPathComponent("\(id).sqlite").path
            #expect(FileManager.default.fileExists(atPath: base))
            let wal = (try? FileManager.default.attributesOfItem(atPath: base + "-wal")[.size] as? Int) ?? 0
            #expect(wal == 0, "\(id).sqlite-wal still holds \(wal) bytes")
        }
    }
}
