import Verticals

/// A session-guarantee violation seen by ``SessionTracker``, for the trace: which check, whose
/// session, which object, the read that missed and the write it missed.
struct SessionViolation {
    /// `read_your_writes` or `monotonic_reads`.
    let check: String
    let session: SessionKey
    let object: ObjectRef
    /// The vertical that served the read, and what it returned (`not found`, `an older version`).
    let readVertical: String
    let readIssuedUs: Int64
    let observed: String
    /// For read-your-writes: where the missed write was served and when it was acknowledged.
    let writeVertical: String?
    let writeUs: Int64?
    let afterFailover: Bool
}

/// The trace events the HTML report needs beyond requests and sync messages. Each is one compact
/// line; all are written at the simulation's virtual time, so the trace stays deterministic.
///
/// - `sync.commit` `{origin, head, request}`: a vertical committed local changes; `head` is its
///   outbox head after the commit, `request` the client request that caused it (null for rows
///   emitted while applying a peer's batch). With `sync.apply`'s `watermark` this gives the
///   backlog of every link over time, and each write's outbox position.
/// - `check.violation` `{check, user, via, object, vertical, issued_us, observed, write_vertical,
///   write_us, after_failover}`: a read-your-writes or monotonic-reads violation, at the read's
///   completion.
/// - `check.violation` `{check: "lost_writes", object, user, vertical, write_us, missing_on,
///   observed}`: an acknowledged write missing or older on a vertical at the end of the run.
/// - `check.violation` `{check, count, detail}` for the authentication hazards
///   (`single_use_violations`, `duplicate_accounts`, `stale_auth_accepts`, `stale_counter_accepts`),
///   at the instant of the request that showed it; `detail` describes the first one only.
extension TraceWriter {
    /// Records each authentication hazard `hazards` counts beyond `counted` (updated), at the
    /// instant of the last line written (the request that showed it).
    func recordAuthHazards(_ hazards: AuthHazards, counted: inout [Int]) {
        let logs: [(String, ViolationLog)] = [
            ("single_use_violations", hazards.singleUse), ("duplicate_accounts", hazards.duplicateAccounts),
            ("stale_auth_accepts", hazards.staleAuth), ("stale_counter_accepts", hazards.staleCounter),
        ]
        for (index, (check, log)) in logs.enumerated() where log.count > counted[index] {
            counted[index] = log.count
            record(
                timeUs: lastTimeUs, event: "check.violation",
                [
                    ("check", .string(check)), ("count", .int(Int64(log.count))),
                    ("detail", log.count == 1 ? log.first.map { .string($0) } ?? .null : .null),
                ])
        }
    }

    /// Records that `origin` committed changes, its outbox now ending at `head`.
    func recordCommit(atUs: Int64, origin: String, head: Int64, request: Int?) {
        record(
            timeUs: atUs, event: "sync.commit",
            [("origin", .string(origin)), ("head", .int(head)), ("request", request.map { .int(Int64($0)) } ?? .null)])
    }

    /// Records a session-guarantee violation observed at `atUs`.
    func recordViolation(_ violation: SessionViolation, atUs: Int64, request: Int) {
        record(
            timeUs: atUs, event: "check.violation",
            [
                ("check", .string(violation.check)), ("user", .string(violation.session.user)),
                ("via", .string(violation.session.surface)), ("object", .string(violation.object.description)),
                ("request", .int(Int64(request))), ("vertical", .string(violation.readVertical)),
                ("issued_us", .int(violation.readIssuedUs)), ("observed", .string(violation.observed)),
                ("write_vertical", violation.writeVertical.map { .string($0) } ?? .null),
                ("write_us", violation.writeUs.map { .int($0) } ?? .null),
                ("after_failover", .bool(violation.afterFailover)),
            ])
    }

    /// Records an acknowledged write found missing (or older) on `missingOn` at the end of the run.
    func recordLostWrite(
        atUs: Int64, object: ObjectRef, user: String, vertical: String, writeUs: Int64, missingOn: String,
        observed: String
    ) {
        record(
            timeUs: atUs, event: "check.violation",
            [
                ("check", .string("lost_writes")), ("user", .string(user)), ("object", .string(object.description)),
                ("vertical", .string(vertical)), ("write_us", .int(writeUs)), ("missing_on", .string(missingOn)),
                ("observed", .string(observed)),
            ])
    }
}
