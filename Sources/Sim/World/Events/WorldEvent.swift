import Verticals

/// Something that happened in the simulated world, as the world emits it at the current virtual
/// instant. The trace writer and every checker see the same stream, in the same order; none of
/// them writes into another's state.
enum WorldEvent {
    /// A client request finished: answered, failed, or given up on.
    case requestFinished(RequestFinished)
    /// The edge pinned a new session to `vertical` (it set the `gb_vertical` cookie).
    case pinned(SessionKey, vertical: String)
    /// The edge moved a session to a peer after `vertical` failed it; `faultStartUs` is when the
    /// fault active on `vertical` started, if one was.
    case failedOver(SessionKey, from: String, faultStartUs: Int64?)
    /// A failover retry was answered, `latencyUs` after the first failure reached the edge.
    case failoverAnswered(latencyUs: Int64)
    /// Right after `vertical` acknowledged a write, what it holds for the object.
    case writeReadBack(WriteReadBack)
    /// A health probe of `target` failed.
    case probeFailed(target: String, status: Int?, reason: String, latencyUs: Int64)
    /// The edge took `target` in or out of service.
    case healthChanged(target: String, healthy: Bool)
    /// A fault started or ended.
    case faultToggled(kind: FaultKind, target: FaultTarget, active: Bool)
    /// A restarted vertical lost `rows` outbox rows it had not written.
    case outboxLost(vertical: String, rows: Int)
    /// A vertical wrote `rows` deferred outbox rows.
    case outboxRelayed(vertical: String, rows: Int)
    /// `origin` committed local changes; its outbox ends at `head`. `request` is the client
    /// request that caused them (nil for rows emitted while applying a peer's batch).
    case syncCommitted(origin: String, head: Int64, request: Int?)
    /// An envelope left `from` for `to`.
    case syncSent(SyncSent)
    /// A peer received an envelope and answered it.
    case syncApplied(SyncApplied)
    /// A simulated user saw an answer that matters to the authentication checks.
    case auth(AuthObservation)
    /// A `script` step started.
    case scriptStepStarted
    /// A `script` step did not do what it expected, described.
    case scriptStepFailed(String)
    /// A user opted in to the footer indicator.
    case footerOptedIn(user: String)
    /// The run moved to another phase.
    case phase(RunPhase)

    /// A finished client request: what was asked, and what came back.
    struct RequestFinished {
        let id: Int
        let call: ClientCall
        let issuedUs: Int64
        let latencyUs: Int64
        /// The status that came back, even after the client gave up (the trace shows it).
        let status: Int?
        let answer: ClientAnswer

        var session: SessionKey { SessionKey(user: call.user, surface: call.surface) }
    }

    /// A write acknowledged by `vertical` and what it held for the object at that instant.
    struct WriteReadBack {
        let vertical: String
        let user: String
        let operation: String
        let object: ObjectRef
        let deletes: Bool
        let hlc: Int64
        /// The stored version's timestamp; nil when there is no row.
        let stored: Int64?
    }

    /// An envelope as it left its origin (after any tampering on the way out).
    struct SyncSent {
        let from: String
        let to: String
        let envelope: SyncEnvelope
        /// The simulator knows it was tampered with or wrongly signed.
        let forged: Bool
    }

    /// What a peer did with an envelope.
    struct SyncApplied {
        /// The origin's index in the topology.
        let originIndex: Int
        let from: String
        let to: String
        let envelopeID: String
        /// The events applied: their outbox position and commit instant on the origin's clock.
        let applied: [(seq: Int64, commitUs: Int64)]
        let watermark: Int64
        let rejection: SyncRejection?
        let forged: Bool
    }

    /// What a simulated user learned about authentication from an answer.
    enum AuthObservation {
        /// A single-use credential (`totp:STEP`, `recovery:N`) was accepted.
        case credentialAccepted(user: String, credential: String, vertical: String)
        case signupAcknowledged(email: String, vertical: String)
        case tokenRevoked(token: String, user: String, why: String)
        /// A request issued at `issuedUs` with `token` was accepted.
        case tokenAccepted(token: String, vertical: String, issuedUs: Int64, operation: String)
        case passwordChanged(user: String, old: String)
        case passwordAccepted(user: String, password: String, vertical: String, issuedUs: Int64)
        case assertionAccepted(user: String, counter: UInt32, vertical: String)
    }

    /// The phases the trace marks.
    enum RunPhase {
        /// Faults lifted, no new traffic.
        case heal
        case end(drained: Bool)
        /// A storage failure stopped the run.
        case failed(reason: String)
    }
}
