/// The set of mechanisms removed from one run: the single seam through which an ablation reaches
/// the product. The verticals, the edge and the sync driver are each handed this set once, when
/// they are built, and consult it in exactly one place per mechanism; everything else runs the
/// same code whether a mechanism is present or not.
///
/// ```swift
/// let disabled = DisabledMechanisms([.consumerFlag, .gapFill])
/// if disabled.removes(.consumerFlag) { ... }
/// ```
public struct DisabledMechanisms: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The set holding one ablation.
    public init(_ ablation: Ablation) {
        rawValue = 1 << UInt32(ablation.index)
    }

    /// The set holding every ablation of `ablations`.
    public init(_ ablations: some Sequence<Ablation>) {
        self = ablations.reduce(into: DisabledMechanisms()) { $0.insert(DisabledMechanisms($1)) }
    }

    /// Nothing removed: the design as built.
    public static let none = DisabledMechanisms()

    /// `consumer-flag` removed.
    public static let consumerFlag = DisabledMechanisms(Ablation.consumerFlag)
    /// `outbox-transaction` removed.
    public static let outboxTransaction = DisabledMechanisms(Ablation.outboxTransaction)
    /// `signature-check` removed.
    public static let signatureCheck = DisabledMechanisms(Ablation.signatureCheck)
    /// `gap-fill` removed.
    public static let gapFill = DisabledMechanisms(Ablation.gapFill)
    /// `sticky-cookie` removed.
    public static let stickyCookie = DisabledMechanisms(Ablation.stickyCookie)
    /// `failover-retry` removed.
    public static let failoverRetry = DisabledMechanisms(Ablation.failoverRetry)
    /// `health-checks` removed.
    public static let healthChecks = DisabledMechanisms(Ablation.healthChecks)
    /// `hybrid-clock` removed.
    public static let hybridClock = DisabledMechanisms(Ablation.hybridClock)
    /// `tombstones` removed.
    public static let tombstones = DisabledMechanisms(Ablation.tombstones)
    /// `shared-jwt-secret` removed.
    public static let sharedJWTSecret = DisabledMechanisms(Ablation.sharedJWTSecret)
    /// `revocation-sync` removed.
    public static let revocationSync = DisabledMechanisms(Ablation.revocationSync)
    /// `single-use-sync` removed.
    public static let singleUseSync = DisabledMechanisms(Ablation.singleUseSync)

    /// Whether `ablation`'s mechanism is removed.
    public func removes(_ ablation: Ablation) -> Bool { contains(DisabledMechanisms(ablation)) }

    /// The removed mechanisms, in catalogue order.
    public var ablations: [Ablation] { Ablation.allCases.filter(removes) }

    /// Their names, in catalogue order.
    public var names: [String] { ablations.map(\.rawValue) }
}
