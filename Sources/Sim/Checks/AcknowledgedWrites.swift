import Verticals

/// The newest acknowledged write of every object (`runbook:ID`, `attachment:ID/NAME`), from
/// finished requests, for the lost-writes check at the end of the run.
final class AcknowledgedWrites: WorldEventSink {
    private var newest: [ObjectRef: (hlc: Int64, atUs: Int64, user: String, vertical: String)] = [:]

    func receive(_ event: WorldEvent, atUs: Int64) {
        guard case .requestFinished(let finished) = event, case .write(let object, _) = finished.call.purpose else {
            return
        }
        let answer = finished.answer
        guard answer.outcome == .ok, let vertical = answer.vertical, let status = answer.status, status < 300,
            let hlc = answer.hlc
        else { return }
        if let existing = newest[object], existing.hlc >= hlc { return }
        newest[object] = (hlc, atUs, finished.call.user, vertical)
    }

    /// Acknowledged objects in a stable order (sorted by key).
    func objects() -> [(key: ObjectRef, hlc: Int64, atUs: Int64, user: String, vertical: String)] {
        newest.keys.sorted().map { key in
            let value = newest[key]!
            return (key, value.hlc, value.atUs, value.user, value.vertical)
        }
    }
}
