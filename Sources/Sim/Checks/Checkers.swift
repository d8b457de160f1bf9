/// Every checker of one run. Each is a ``WorldEventSink`` that owns its state; the simulation
/// subscribes them to the world's events in the order of ``subscribers`` (after the trace
/// writer), and reads them when the run is judged.
final class Checkers {
    let availability = Availability()
    let footer = FooterStats()
    let brokenSessions = BrokenSessions()
    let auth = AuthHazards()
    let sessions = SessionTracker()
    let acknowledged = AcknowledgedWrites()
    let lostUpdates = LostUpdates()
    let edge: EdgeStats
    let propagation: PropagationTracker
    let forged = ForgedApplies()
    let script = ScriptOutcomes()

    /// Checkers for a topology of `peers + 1` verticals whose edge's health-check window lasts
    /// `flapWindowUs`.
    init(peers: Int, flapWindowUs: Int64) {
        edge = EdgeStats(flapWindowUs: flapWindowUs)
        propagation = PropagationTracker(peers: peers)
    }

    /// The checkers in subscription order. The order matters only where a checker reports to
    /// the trace: for a finished request the authentication hazards are written before the
    /// session violations.
    var subscribers: [any WorldEventSink] {
        [
            availability, footer, brokenSessions, auth, sessions, acknowledged, lostUpdates, edge, propagation, forged,
            script,
        ]
    }
}
