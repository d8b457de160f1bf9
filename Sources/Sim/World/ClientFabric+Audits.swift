import Foundation
import Verticals

/// Checks the client fabric makes on answers as they come back, beyond read-your-writes: whether
/// the vertical that acknowledged a write kept it (``ExpectKey/lostUpdates``), and whether a
/// vertical refused a token another vertical issued (``ExpectKey/sessionsBroken``).
extension ClientFabric {
    /// Right after `node` acknowledged a write, at the same virtual instant: the row it holds
    /// must be that write (for a delete: that tombstone, or no row). In the design as built a
    /// fresh hybrid-logical timestamp is above every version the vertical has seen, so this
    /// always holds; a clock that runs backwards breaks it.
    func auditKept(_ flight: Flight, at node: VerticalNode, response: APIResponse) {
        guard case .write(let object, let deletes) = flight.call.purpose, (200..<300).contains(response.status),
            let hlc = Self.timestamp(response)
        else { return }
        guard
            let stored = recorder.storage(
                node.id, "reading back the write of \(object) it acknowledged",
                { try node.vertical.database.storedTimestamps(of: [object])[0] })
        else { return }
        guard stored != hlc, !(deletes && stored == nil) else { return }
        recorder.lostUpdates.record(
            "at \(VirtualTime.format(queue.nowUs)): \(node.id) acknowledged \(flight.call.user)'s \(flight.call.operation) of \(object) (timestamp \(Self.clockReading(hlc))) but kept \(stored.map { "the version it replaced (timestamp \(Self.clockReading($0)))" } ?? "no row")"
        )
    }

    /// After a 401: whether the vertical refused the token for its signature (a token some
    /// vertical issued, since simulated clients never forge one).
    func auditRefusedToken(_ flight: Flight, status: Int, vertical: String, body: Data) {
        guard status == 401, String(decoding: body, as: UTF8.self).contains("invalid token: bad-signature") else {
            return
        }
        recorder.sessionsBroken.record(
            "at \(VirtualTime.format(flight.issuedUs)): \(vertical) refused \(flight.call.user)'s token for \(flight.call.operation) via \(flight.call.surface): its signature does not verify there"
        )
    }

    /// The write timestamp in a response's `ETag`.
    static func timestamp(_ response: APIResponse) -> Int64? {
        response.head.headerFields[.eTag].flatMap { Int64($0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))) }
    }

    /// A timestamp's physical part as a time of day on the virtual clock.
    static func clockReading(_ hlc: Int64) -> String {
        VirtualTime.format(HybridLogicalClock.physicalMs(hlc) * VirtualTime.ms)
    }
}
