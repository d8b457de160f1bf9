import Foundation
import Verticals

/// What came back from a vertical to whoever sent it the request (the edge or the client), at
/// the instant it arrived there.
struct VerticalReply {
    let node: VerticalNode
    /// Nil: the connection failed (refused, or lost during a cold start).
    let status: Int?
    let response: APIResponse?
    /// Why there is no usable answer (`connect-refused`, `compute-outage`, `brownout`, ...).
    let reason: String?
}

/// The hop from a client or the edge to a vertical: the request travels there, the vertical's
/// runtime admits it (perhaps after a cold start) and executes it, and the answer travels back.
/// Attributes the requests each fault touched, and reports every write it acknowledged together
/// with what the vertical kept (``WorldEvent/writeReadBack(_:)``).
final class VerticalHop {
    let queue: EventQueue
    let faults: FaultBoard
    let events: WorldEventStream
    let storage: StorageGuard
    let latency: ClientLatency
    /// Called after a vertical committed a write (the sync fabric schedules a publish), with the
    /// vertical's index and the request's id.
    var onCommit: (Int, Int) -> Void = { _, _ in }

    init(path: RequestPath) {
        queue = path.queue
        faults = path.faults
        events = path.events
        storage = path.storage
        latency = path.latency
    }

    /// Sends `flight` to `node`, arriving `afterUs` from now; `reply` runs when the answer (or the
    /// failure) is back where it came from.
    func send(
        _ flight: ClientFlight, to node: VerticalNode, afterUs: Int64, reply: @escaping (VerticalReply) -> Void
    ) {
        queue.schedule(afterUs: afterUs) { [self] in
            let target = FaultTarget.vertical(node.id)
            guard node.isReachable else {
                faults.attributeRequest(target, kinds: [.providerOutage, .crash])
                return back(node, afterUs: latency.drawUs(), status: nil, reason: "connect-refused", reply)
            }
            if node.computeDown {
                faults.attributeRequest(target, kinds: [.computeOutage])
                return back(node, afterUs: latency.drawUs(), status: 503, reason: "compute-outage", reply)
            }
            let requestID = "req-\(flight.id)"
            switch node.admit(flight.call.request, nowUs: node.localTime(queue.nowUs), requestID: requestID) {
            case .refused(let served):
                faults.attributeRequest(target, kinds: [.controlPlaneOutage])
                back(
                    node, afterUs: served.serviceUs + latency.drawUs(), status: served.response.status,
                    response: served.response, reason: nil, reply)
            case .accepted(let admission):
                queue.schedule(afterUs: admission.startupUs) { [self] in
                    execute(flight, at: node, admission: admission, requestID: requestID, reply: reply)
                }
            }
        }
    }

    /// Executes an admitted request at `node` now: its effect happens at this virtual instant.
    private func execute(
        _ flight: ClientFlight, at node: VerticalNode, admission: Admission, requestID: String,
        reply: @escaping (VerticalReply) -> Void
    ) {
        let target = FaultTarget.vertical(node.id)
        guard node.isReachable, !node.computeDown else {
            // The vertical went down during the cold start: the connection breaks.
            faults.attributeRequest(target, kinds: [.providerOutage, .crash, .computeOutage])
            return back(node, afterUs: latency.drawUs(), status: nil, reason: "connection-lost", reply)
        }
        if node.clockSkewUs != 0 { faults.attributeRequest(target, kinds: [.clockSkew]) }
        let writesBefore = node.vertical.database.writeTransactions
        let served = node.execute(
            flight.call.request, nowUs: node.localTime(queue.nowUs), requestID: requestID,
            admission: admission)
        let status = served.response.status
        storage.storageFailed(
            node.id, "serving \(flight.call.operation) (request \(requestID))", reason: served.response.storageError)
        if status == 503 { faults.attributeRequest(target, kinds: [.databaseOutage, .bucketOutage]) }
        // Any committed write (runbooks, sign-ups, TOTP steps, revocations) wakes the publisher.
        if node.vertical.database.writeTransactions != writesBefore { onCommit(node.index, flight.id) }
        if node.brownoutRate > 0, node.brownoutRandom.chance(node.brownoutRate) {
            faults.attributeRequest(target, kinds: [.brownout])
            return back(node, afterUs: served.serviceUs + latency.drawUs(), status: 503, reason: "brownout", reply)
        }
        readBack(flight, at: node, response: served.response)
        back(
            node, afterUs: served.serviceUs + latency.drawUs(), status: status, response: served.response,
            reason: nil, reply)
    }

    /// Right after `node` acknowledged a write, at the same virtual instant: reads back what it
    /// holds for the object, for the lost-updates check.
    private func readBack(_ flight: ClientFlight, at node: VerticalNode, response: APIResponse) {
        guard case .write(let object, let deletes) = flight.call.purpose, (200..<300).contains(response.status),
            let hlc = ClientAnswer.timestamp(response)
        else { return }
        guard
            let stored = storage.storage(
                node.id, "reading back the write of \(object) it acknowledged",
                { try node.vertical.database.storedTimestamps(of: [object])[0] })
        else { return }
        events.emit(
            .writeReadBack(
                WorldEvent.WriteReadBack(
                    vertical: node.id, user: flight.call.user, operation: flight.call.operation, object: object,
                    deletes: deletes, hlc: hlc, stored: stored)))
    }

    /// The answer travels back for `afterUs`, then `reply` runs.
    private func back(
        _ node: VerticalNode, afterUs: Int64, status: Int?, response: APIResponse? = nil, reason: String?,
        _ reply: @escaping (VerticalReply) -> Void
    ) {
        queue.schedule(afterUs: afterUs) {
            reply(VerticalReply(node: node, status: status, response: response, reason: reason))
        }
    }
}
