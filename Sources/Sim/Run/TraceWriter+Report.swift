import Verticals

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
    /// Records that `origin` committed changes, its outbox now ending at `head`.
    func recordCommit(atUs: Int64, origin: String, head: Int64, request: Int?) {
        record(timeUs: atUs, event: "sync.commit") { line in
            line.string("origin", origin)
            line.int("head", head)
            line.int("request", request)
        }
    }

    /// Records a session-guarantee violation observed at `atUs`.
    func recordViolation(_ violation: SessionViolation, atUs: Int64, request: Int) {
        record(timeUs: atUs, event: "check.violation") { line in
            line.string("check", violation.check)
            line.string("user", violation.session.user)
            line.string("via", violation.session.surface)
            line.string("object", violation.object.description)
            line.int("request", request)
            line.string("vertical", violation.readVertical)
            line.int("issued_us", violation.readIssuedUs)
            line.string("observed", violation.observed)
            line.string("write_vertical", violation.writeVertical)
            line.int("write_us", violation.writeUs)
            line.bool("after_failover", violation.afterFailover)
        }
    }

    /// Records an acknowledged write found missing (or older) on `missingOn` at the end of the run.
    func recordLostWrite(
        atUs: Int64, object: ObjectRef, user: String, vertical: String, writeUs: Int64, missingOn: String,
        observed: String
    ) {
        record(timeUs: atUs, event: "check.violation") { line in
            line.string("check", "lost_writes")
            line.string("user", user)
            line.string("object", object.description)
            line.string("vertical", vertical)
            line.int("write_us", writeUs)
            line.string("missing_on", missingOn)
            line.string("observed", observed)
        }
    }
}
