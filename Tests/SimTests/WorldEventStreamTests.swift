import Foundation
import Testing

@testable import Sim
@testable import Verticals

/// The checkers fed by hand-made streams of world events, without a world: each planted defect
/// is still caught, a healthy stream is not flagged, and subscribers hear events in the order
/// they subscribed.
@Suite("Checkers as subscribers of the world's events")
struct WorldEventStreamTests {
    /// A stream on its own clock, and a way to emit at a virtual instant.
    final class Harness {
        let queue = EventQueue(capacity: 64)
        let events: WorldEventStream

        init(_ sinks: [any WorldEventSink]) {
            events = WorldEventStream(clock: queue)
            for sink in sinks { events.subscribe(sink) }
        }

        func emit(atUs: Int64, _ event: WorldEvent) {
            queue.schedule(atUs: atUs) { [events] in events.emit(event) }
            queue.run(untilUs: atUs)
        }
    }

    /// A finished request of `call`, issued at `issuedUs`, answered by `vertical`.
    static func finished(
        _ id: Int, _ call: ClientCall, issuedUs: Int64, status: Int, vertical: String, hlc: Int64? = nil,
        result: APIResult? = nil
    ) -> WorldEvent {
        .requestFinished(
            WorldEvent.RequestFinished(
                id: id, call: call, issuedUs: issuedUs, latencyUs: 1000, status: status,
                answer: ClientAnswer(
                    status: status, outcome: status < 500 ? .ok : .failed, vertical: vertical, hlc: hlc,
                    result: result, reason: nil)))
    }

    static let second = VirtualTime.second

    @Test func readYourWritesCatchesAStaleReadAfterAWrite() {
        let sessions = SessionTracker()
        var reported: [(SessionViolation, Int)] = []
        sessions.onViolation = { reported.append(($0, $1)) }
        let world = Harness([sessions])
        let write = Calls.create(user: "u1", surface: "app", id: "r1", title: "t", body: "b")
        let read = Calls.read(user: "u1", surface: "app", id: "r1")
        world.emit(atUs: 1 * Self.second, Self.finished(1, write, issuedUs: 0, status: 201, vertical: "aws", hlc: 100))
        // Healthy: the read sees the write.
        world.emit(
            atUs: 3 * Self.second,
            Self.finished(2, read, issuedUs: 2 * Self.second, status: 200, vertical: "aws", hlc: 100))
        #expect(sessions.readYourWrites.count == 0 && sessions.rywReads == 1)
        // Planted: a read on the peer that has not got the write yet.
        world.emit(
            atUs: 5 * Self.second, Self.finished(3, read, issuedUs: 4 * Self.second, status: 404, vertical: "scaleway"))
        #expect(sessions.readYourWrites.count == 1)
        #expect(sessions.monotonicReads.count == 1)
        #expect(sessions.readYourWrites.first?.contains("read not found on scaleway after a failover") == true)
        #expect(reported.map(\.1) == [3, 3])
        #expect(reported.map(\.0.check) == ["read_your_writes", "monotonic_reads"])
    }

    @Test func aReadIssuedBeforeTheWriteCompletedIsNotJudged() {
        let sessions = SessionTracker()
        let world = Harness([sessions])
        let write = Calls.create(user: "u1", surface: "app", id: "r1", title: "t", body: "b")
        let read = Calls.read(user: "u1", surface: "app", id: "r1")
        world.emit(atUs: 2 * Self.second, Self.finished(1, write, issuedUs: 0, status: 201, vertical: "aws", hlc: 100))
        world.emit(
            atUs: 3 * Self.second, Self.finished(2, read, issuedUs: 1 * Self.second, status: 404, vertical: "aws"))
        #expect(sessions.rywReads == 0 && sessions.readYourWrites.count == 0)
    }

    @Test func staleAuthCatchesARevokedTokenAccepted() {
        let auth = AuthHazards()
        var hazards: [String] = []
        auth.onHazard = { check, _ in hazards.append(check) }
        let world = Harness([auth])
        var call = Calls.read(user: "u1", surface: "app", id: "r1")
        call.token = "token-1"
        world.emit(atUs: 1 * Self.second, Self.finished(1, call, issuedUs: 0, status: 200, vertical: "aws"))
        world.emit(atUs: 2 * Self.second, .auth(.tokenRevoked(token: "token-1", user: "u1", why: "logout")))
        #expect(auth.staleAuth.count == 0 && hazards.isEmpty)
        // Planted: a vertical that missed the logout accepts the token.
        world.emit(
            atUs: 4 * Self.second, Self.finished(2, call, issuedUs: 3 * Self.second, status: 200, vertical: "scaleway"))
        #expect(auth.staleAuth.count == 1)
        #expect(auth.staleAuth.first?.contains("scaleway accepted u1's token for read, revoked by logout") == true)
        #expect(hazards == ["stale_auth_accepts"])
        // A 401 is a refusal, not an acceptance.
        world.emit(
            atUs: 6 * Self.second, Self.finished(3, call, issuedUs: 5 * Self.second, status: 401, vertical: "aws"))
        #expect(auth.staleAuth.count == 1 && hazards.count == 1)
    }

    @Test func lostUpdatesCatchesAVerticalThatDidNotKeepItsWrite() {
        let lost = LostUpdates()
        let world = Harness([lost])
        func readBack(stored: Int64?, deletes: Bool = false) -> WorldEvent {
            .writeReadBack(
                WorldEvent.WriteReadBack(
                    vertical: "aws", user: "u1", operation: "update", object: .runbook(id: "r1"), deletes: deletes,
                    hlc: 200, stored: stored))
        }
        world.emit(atUs: 1 * Self.second, readBack(stored: 200))
        world.emit(atUs: 1 * Self.second, readBack(stored: nil, deletes: true))
        #expect(lost.log.count == 0)
        world.emit(atUs: 2 * Self.second, readBack(stored: 100))
        #expect(lost.log.count == 1)
        #expect(lost.log.first?.contains("aws acknowledged u1's update of runbook:r1") == true)
    }

    @Test func brokenSessionsCatchesATokenRefusedForItsSignature() {
        let broken = BrokenSessions()
        let world = Harness([broken])
        let call = Calls.read(user: "u1", surface: "app", id: "r1")
        world.emit(
            atUs: 1,
            Self.finished(1, call, issuedUs: 0, status: 401, vertical: "aws", result: .error("invalid token: expired")))
        #expect(broken.log.count == 0)
        world.emit(
            atUs: 2,
            Self.finished(
                2, call, issuedUs: 1, status: 401, vertical: "aws", result: .error("invalid token: bad-signature")))
        #expect(broken.log.count == 1)
    }

    @Test func availabilityCountsOutcomesPerSurfaceAndDescribesTheFirstFailure() {
        let availability = Availability()
        let world = Harness([availability])
        let call = Calls.read(user: "u1", surface: "app", id: "r1")
        world.emit(atUs: 1, Self.finished(1, call, issuedUs: 0, status: 200, vertical: "aws"))
        world.emit(atUs: 2, Self.finished(2, call, issuedUs: 1, status: 503, vertical: "aws"))
        let counts = availability.counts("app")
        #expect(counts.total == 2 && counts.ok == 1 && counts.failed == 1 && availability.requests == 2)
        #expect(counts.firstFailure == "at 0.000s: u1's read got 503 from aws")
    }

    @Test func subscribersHearEachEventInTheOrderTheySubscribed() {
        final class Log: WorldEventSink {
            let name: String
            let shared: Shared
            init(_ name: String, _ shared: Shared) {
                self.name = name
                self.shared = shared
            }
            func receive(_ event: WorldEvent, atUs: Int64) { shared.heard.append("\(name)@\(atUs)") }
        }
        final class Shared { var heard: [String] = [] }
        let shared = Shared()
        let world = Harness([Log("trace", shared), Log("a", shared), Log("b", shared)])
        world.emit(atUs: 7, .footerOptedIn(user: "u1"))
        world.emit(atUs: 9, .phase(.heal))
        #expect(shared.heard == ["trace@7", "a@7", "b@7", "trace@9", "a@9", "b@9"])
    }
}
