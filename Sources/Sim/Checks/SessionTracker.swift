import Verticals

/// What one session has written and read, for read-your-writes and monotonic reads.
struct SessionState {
    /// The last acknowledged write per object key: its timestamp, whether it deleted, where it
    /// was served and how many times the pin had moved by then.
    var writes: [ObjectRef: (hlc: Int64, deleted: Bool, vertical: String, pinMoves: Int, atUs: Int64)] = [:]
    /// The newest timestamp read per object key (0 when it read "not found").
    var reads: [ObjectRef: Int64] = [:]
    /// The vertical that served the session's last answer and how often that changed.
    var lastVertical: String?
    var pinMoves = 0
}

/// A counted violation of an invariant with the first one described concretely.
struct ViolationLog {
    private(set) var count = 0
    private(set) var afterFailover = 0
    private(set) var first: String?

    mutating func record(_ detail: @autoclosure () -> String, afterFailover failover: Bool = false) {
        count += 1
        if failover { afterFailover += 1 }
        if first == nil { first = detail() }
    }
}

/// Checks read-your-writes and monotonic reads per session as answers come back
/// (``WorldEvent/requestFinished(_:)``).
///
/// A read *starts* after a write *completed* when it was issued later; only such reads are
/// judged, so requests still in flight never count against the system. Each violation is handed
/// to ``onViolation`` with the request's id (the run writes it to the trace).
final class SessionTracker: WorldEventSink {
    private var sessions: [SessionKey: SessionState] = [:]
    private(set) var readYourWrites = ViolationLog()
    private(set) var monotonicReads = ViolationLog()
    /// Reads judged for read-your-writes (they followed the session's own write).
    private(set) var rywReads = 0
    /// Reads judged for monotonic reads (they followed an earlier read).
    private(set) var monotonicJudged = 0
    /// Called with each violation found and the id of the read that showed it.
    var onViolation: (SessionViolation, Int) -> Void = { _, _ in }

    func receive(_ event: WorldEvent, atUs: Int64) {
        guard case .requestFinished(let finished) = event else { return }
        let answer = finished.answer
        guard answer.outcome == .ok, let vertical = answer.vertical, let status = answer.status else { return }
        let session = finished.session
        switch finished.call.purpose {
        case .write(let object, let deletes) where status < 300:
            if let hlc = answer.hlc {
                wrote(session, object: object, hlc: hlc, deleted: deletes, vertical: vertical, atUs: atUs)
            }
        case .read(let object) where status == 200 || status == 404:
            let violations = read(
                session, object: object, observedHLC: status == 200 ? answer.hlc : nil, vertical: vertical,
                issuedUs: finished.issuedUs)
            for violation in violations { onViolation(violation, finished.id) }
        default:
            break
        }
        served(session, by: vertical)
    }

    /// Notes which vertical served a session's answer, counting pin moves.
    func served(_ key: SessionKey, by vertical: String) {
        // Changed in place: a copy of the state would copy its dictionaries on every answer.
        Self.served(&sessions[key, default: SessionState()], by: vertical)
    }

    private static func served(_ state: inout SessionState, by vertical: String) {
        if let last = state.lastVertical, last != vertical { state.pinMoves += 1 }
        state.lastVertical = vertical
    }

    /// Records an acknowledged write of `object` with timestamp `hlc`.
    func wrote(_ key: SessionKey, object: ObjectRef, hlc: Int64, deleted: Bool, vertical: String, atUs: Int64) {
        Self.wrote(&sessions[key, default: SessionState()], object: object, entry: (hlc, deleted, vertical, atUs))
    }

    private static func wrote(
        _ state: inout SessionState, object: ObjectRef,
        entry: (hlc: Int64, deleted: Bool, vertical: String, atUs: Int64)
    ) {
        state.writes[object] = (entry.hlc, entry.deleted, entry.vertical, state.pinMoves, entry.atUs)
    }

    /// Judges a completed read of `object` issued at `issuedUs` that saw `hlc` (nil: not found);
    /// returns the violations it found, for the trace.
    @discardableResult
    func read(
        _ key: SessionKey, object: ObjectRef, observedHLC: Int64?, vertical: String,
        issuedUs: Int64
    ) -> [SessionViolation] {
        // Judged on the state in place: a copy would copy its dictionaries on every read.
        Self.judge(
            &sessions[key, default: SessionState()], key, object: object, observedHLC: observedHLC, vertical: vertical,
            issuedUs: issuedUs, readYourWrites: &readYourWrites, monotonicReads: &monotonicReads, rywReads: &rywReads,
            monotonicJudged: &monotonicJudged)
    }

    private static func judge(
        _ state: inout SessionState, _ key: SessionKey, object: ObjectRef, observedHLC: Int64?, vertical: String,
        issuedUs: Int64, readYourWrites: inout ViolationLog, monotonicReads: inout ViolationLog, rywReads: inout Int,
        monotonicJudged: inout Int
    ) -> [SessionViolation] {
        var found: [SessionViolation] = []
        let seen = observedHLC ?? 0
        if let write = state.writes[object], write.atUs <= issuedUs {
            rywReads += 1
            let satisfied = write.deleted ? (observedHLC == nil || seen >= write.hlc) : seen >= write.hlc
            if !satisfied {
                let moved = state.pinMoves > write.pinMoves || vertical != write.vertical
                readYourWrites.record(
                    "\(key.user) on \(key.surface) wrote \(object) on \(write.vertical) at \(VirtualTime.format(write.atUs)), then at \(VirtualTime.format(issuedUs)) read \(observedHLC == nil ? "not found" : "an older version") on \(vertical)\(moved ? " after a failover" : "")",
                    afterFailover: moved)
                found.append(
                    SessionViolation(
                        check: "read_your_writes", session: key, object: object, readVertical: vertical,
                        readIssuedUs: issuedUs, observed: observedHLC == nil ? "not found" : "an older version",
                        writeVertical: write.vertical, writeUs: write.atUs, afterFailover: moved))
            }
        }
        if let previous = state.reads[object] {
            monotonicJudged += 1
            if seen < previous {
                monotonicReads.record(
                    "\(key.user) on \(key.surface) read \(object) at \(VirtualTime.format(issuedUs)) on \(vertical) and saw \(observedHLC == nil ? "not found" : "an older version") than it had seen before",
                    afterFailover: state.lastVertical != vertical)
                found.append(
                    SessionViolation(
                        check: "monotonic_reads", session: key, object: object, readVertical: vertical,
                        readIssuedUs: issuedUs, observed: observedHLC == nil ? "not found" : "an older version",
                        writeVertical: nil, writeUs: nil, afterFailover: state.lastVertical != vertical))
            }
        }
        state.reads[object] = max(state.reads[object] ?? 0, seen)
        return found
    }
}
