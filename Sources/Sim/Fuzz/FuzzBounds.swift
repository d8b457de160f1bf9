/// What a fuzz campaign may draw for each seed: the optional `fuzz:` block of a base scenario,
/// with every key defaulted. A base narrows these ranges; it can never widen them past
/// ``FuzzBounds/limits``.
///
/// ```yaml
/// fuzz:
///   kinds: [partition, crash, message-loss]
///   faults: 1..4
///   fault_duration: 1s..20s
/// ```
public struct FuzzBounds: Sendable, Equatable {
    /// The fault kinds the swarm draws its per-seed subset from.
    public var kinds: [FaultKind]
    /// How many faults a seed injects.
    public var faultCount: ClosedRange<Int>
    /// Each fault's `for`; nil means from 1 s up to the chaos phase.
    public var faultDurationUs: ClosedRange<Int64>?
    /// The `rate` of brownout, edge-error and the message faults.
    public var intensity: ClosedRange<Double>
    /// The largest `offset` (either sign) of a clock-skew fault; nil means half the sync tolerance.
    public var clockSkewUs: Int64?
    /// The `latency` of a link-latency fault.
    public var faultLatencyUs: ClosedRange<Int64>
    /// The topology's default link latency; its jitter is drawn up to half of it. Nil keeps the base's link.
    public var linkLatencyUs: ClosedRange<Int64>?
    /// The chaos phase; nil keeps the base's duration.
    public var durationUs: ClosedRange<Int64>?
    /// Workload users; nil keeps the base's.
    public var users: ClosedRange<Int>?
    /// Workload arrivals per second; nil keeps the base's.
    public var ratePerSecond: ClosedRange<Double>?
    /// Whether the workload's operation mix is drawn.
    public var drawsMix: Bool
    /// Whether the workload's surface weights are drawn.
    public var drawsSurfaces: Bool

    /// The bounds of a base without a `fuzz:` block (every kind the topology can take).
    public static func defaults(for topology: Topology) -> FuzzBounds {
        FuzzBounds(
            kinds: FaultKind.allCases.filter { applicable($0, to: topology) }, faultCount: 0...6,
            faultDurationUs: nil, intensity: 0.01...1, clockSkewUs: nil,
            faultLatencyUs: 100 * VirtualTime.ms...2 * VirtualTime.second,
            linkLatencyUs: 5 * VirtualTime.ms...250 * VirtualTime.ms, durationUs: nil, users: nil,
            ratePerSecond: nil, drawsMix: true, drawsSurfaces: true)
    }

    /// Whether `topology` has something a fault of `kind` can aim at.
    public static func applicable(_ kind: FaultKind, to topology: Topology) -> Bool {
        switch kind.targetKind {
        case .vertical: return !topology.verticals.isEmpty
        case .edge: return topology.edge != nil
        case .domain: return !topology.domains.isEmpty
        case .link: return topology.verticals.count >= 2
        }
    }

    /// The widest values a `fuzz:` block may give; each is documented in docs/fuzzing.md.
    public enum Limits {
        public static let faults = 0...32
        public static let faultDurationUs = VirtualTime.ms...VirtualTime.day
        public static let latencyUs = Int64(0)...VirtualTime.minute
        public static let durationUs = VirtualTime.second...VirtualTime.day
        public static let users = 1...100_000
        public static let ratePerSecond = 0.01...10_000.0
    }

    /// The clock-skew bound in effect for a topology: the stated one, or half the sync tolerance
    /// (a skew beyond the tolerance makes peers refuse the vertical's envelopes by design).
    public func clockSkewBoundUs(_ topology: Topology) -> Int64 {
        clockSkewUs ?? topology.sync.toleranceUs / 2
    }
}
