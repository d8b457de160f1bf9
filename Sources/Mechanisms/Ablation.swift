/// One mechanism of the Glassbreak design that a run can remove on purpose (`simctl run --ablate
/// NAME`), the way a developer who forgot it would have built the system. Each exists to prevent
/// one failure; removing it shows which check catches its absence.
///
/// The raw value is the name users type. The cases are listed in the order of the catalogue
/// (`simctl ablations`), which is also the order results list them in.
public enum Ablation: String, CaseIterable, Sendable, Comparable {
    /// The consumer applies replicated rows without its per-transaction flag, so the outbox
    /// triggers write them to its own outbox again (sync loops).
    case consumerFlag = "consumer-flag"
    /// The outbox row is written after the commit, in a separate step (the dual-write bug); a
    /// crash between the two loses it.
    case outboxTransaction = "outbox-transaction"
    /// The consumer does not verify the HMAC signature of sync envelopes.
    case signatureCheck = "signature-check"
    /// The publisher never resends from the peer's watermark (fire and forget).
    case gapFill = "gap-fill"
    /// The edge ignores the `gb_vertical` cookie and picks a target per request.
    case stickyCookie = "sticky-cookie"
    /// The edge returns a vertical's 5xx instead of retrying on a healthy peer.
    case failoverRetry = "failover-retry"
    /// The edge never probes its targets; only failing requests move sessions.
    case healthChecks = "health-checks"
    /// Last-writer-wins compares the vertical's physical clock instead of the hybrid logical clock.
    case hybridClock = "hybrid-clock"
    /// Deletes remove the row instead of writing a replicated tombstone.
    case tombstones
    /// Each vertical signs tokens with its own secret.
    case sharedJWTSecret = "shared-jwt-secret"
    /// Revoked tokens and password changes are not replicated.
    case revocationSync = "revocation-sync"
    /// Used TOTP steps and used recovery codes are not replicated.
    case singleUseSync = "single-use-sync"

    /// The position in the catalogue.
    public var index: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Ablation, rhs: Ablation) -> Bool { lhs.index < rhs.index }

    /// The names, in catalogue order, for messages that list what is accepted.
    public static var names: [String] { allCases.map(\.rawValue) }
}
