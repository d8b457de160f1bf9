/// What the live faults have done to one vertical: the same switches the simulator's
/// `VerticalNode` holds, acted on by real servers.
struct LiveFaultState: Sendable, Equatable {
    /// Compute answers 503 (compute outage).
    var computeDown = false
    /// The database is down (database outage): the API core answers 503 on what needs it.
    var databaseDown = false
    /// The bucket is down (bucket outage).
    var bucketDown = false
    /// Nothing about the vertical is reachable (provider outage): its server is stopped.
    var providerDown = false
    /// The vertical has crashed: its server is stopped until it restarts.
    var crashed = false
    /// Fraction of answers turned into 503 (brownout).
    var brownoutRate = 0.0

    /// Whether the vertical's server should listen.
    var listens: Bool { !providerDown && !crashed }
    /// Whether the vertical can send sync envelopes.
    var canPublish: Bool { !providerDown && !crashed }
}
