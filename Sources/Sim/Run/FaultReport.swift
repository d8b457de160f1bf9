import Verticals

/// What one injected fault actually hit.
public struct FaultReport: Sendable {
    public var kind: String
    public var target: String
    public var atMs: Int64
    public var forMs: Int64
    public var affectedRequests: Int
    /// Edge health-check probes it failed.
    public var affectedProbes: Int = 0
    /// Sync envelopes and acknowledgements it stopped, delayed, rewrote or duplicated.
    public var affectedEnvelopes: Int = 0
    public var affectedAcks: Int = 0
    /// Envelopes and acknowledgements together.
    public var affectedMessages: Int { affectedEnvelopes + affectedAcks }
    /// Whether it hit anything.
    public var hit: Bool { affectedRequests + affectedProbes + affectedMessages > 0 }
}
