import Verticals

/// The three outcomes of a request, as in a Jepsen history.
public enum RequestOutcome: String, Sendable {
    /// An answer below 500 arrived in time.
    case ok
    /// A 5xx, a refused connection or a DNS failure: the request did not happen.
    case failed
    /// No answer before the client's timeout: it may or may not have happened.
    case unknown
}

/// Request counts of one surface.
struct SurfaceCounts {
    var total = 0
    var ok = 0
    var failed = 0
    var unknown = 0
    /// The first request on the surface that did not end ok, described.
    var firstFailure: String?

    var availabilityPercent: Double? { total == 0 ? nil : Double(ok) * 100 / Double(total) }
}

/// Everything the checkers need, recorded as the run goes: request outcomes per surface,
/// sessions' reads and writes, acknowledged writes, propagation, sync decisions.
final class RunRecorder {
    let trace: TraceWriter
    var sessions = SessionTracker()
    var propagation: PropagationTracker
    private(set) var surfaces: [String: SurfaceCounts] = [:]
    /// The newest acknowledged timestamp per object (`runbook:ID`, `attachment:ID/NAME`).
    private(set) var acknowledged: [ObjectRef: (hlc: Int64, atUs: Int64, user: String, vertical: String)] = [:]
    private(set) var requests = 0
    var edge: EdgeStats
    /// The footer indicator's status calls.
    var footer = FooterStats()
    var auth = AuthHazards() {
        // Not `oldValue`: keeping it would copy the hazard tables on every change.
        didSet { trace.recordAuthHazards(auth, counted: &hazardsTraced) }
    }
    /// Authentication hazards already written to the trace, per kind.
    private var hazardsTraced = [0, 0, 0, 0]
    /// Events applied from envelopes the simulator knows were forged (tampered or wrongly signed).
    var forgedAccepted = 0
    var forgedFirst: String?
    /// Acknowledged writes the acknowledging vertical did not keep (``ExpectKey/lostUpdates``).
    var lostUpdates = ViolationLog()
    /// Issued tokens refused for their signature (``ExpectKey/sessionsBroken``).
    var sessionsBroken = ViolationLog()
    /// The first storage error met on the simulated path; the run stops and fails with it (exit 3).
    var failure: StorageFailure?
    /// Failed `script` steps.
    var scriptFailures = ViolationLog()
    var scriptSteps = 0

    init(trace: TraceWriter, peers: Int, flapWindowUs: Int64) {
        self.trace = trace
        edge = EdgeStats(flapWindowUs: flapWindowUs)
        propagation = PropagationTracker(peers: peers)
    }

    func counted(surface: String, outcome: RequestOutcome, describe: @autoclosure () -> String) {
        requests += 1
        var counts = surfaces[surface] ?? SurfaceCounts()
        counts.total += 1
        if outcome != .ok, counts.firstFailure == nil { counts.firstFailure = describe() }
        switch outcome {
        case .ok: counts.ok += 1
        case .failed: counts.failed += 1
        case .unknown: counts.unknown += 1
        }
        surfaces[surface] = counts
    }

    func surfaceCounts(_ surface: String) -> SurfaceCounts { surfaces[surface] ?? SurfaceCounts() }

    /// Records an acknowledged write of `object`.
    func acknowledgedWrite(_ object: ObjectRef, hlc: Int64, atUs: Int64, user: String, vertical: String) {
        if let existing = acknowledged[object], existing.hlc >= hlc { return }
        acknowledged[object] = (hlc, atUs, user, vertical)
    }

    /// Acknowledged objects in a stable order (sorted by key), for the lost-writes check.
    func acknowledgedObjects() -> [(key: ObjectRef, hlc: Int64, atUs: Int64, user: String, vertical: String)] {
        acknowledged.keys.sorted().map { key in
            let value = acknowledged[key]!
            return (key, value.hlc, value.atUs, value.user, value.vertical)
        }
    }
}
