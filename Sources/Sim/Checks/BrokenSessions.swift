import Verticals

/// Judges ``ExpectKey/sessionsBroken``: a vertical refused, for its signature, a token some
/// vertical issued (simulated clients never forge one), seen in a finished request's 401.
final class BrokenSessions: WorldEventSink {
    private(set) var log = ViolationLog()

    func receive(_ event: WorldEvent, atUs: Int64) {
        guard case .requestFinished(let finished) = event else { return }
        let answer = finished.answer
        guard answer.outcome == .ok, let vertical = answer.vertical, answer.status == 401,
            case .error(let message)? = answer.result, message.contains("invalid token: bad-signature")
        else { return }
        let call = finished.call
        log.record(
            "at \(VirtualTime.format(finished.issuedUs)): \(vertical) refused \(call.user)'s token for \(call.operation) via \(call.surface): its signature does not verify there"
        )
    }
}
