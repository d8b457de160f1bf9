/// The `expect` keys a scenario may state.
public enum ExpectKey: String, CaseIterable, Sendable {
    case readYourWrites = "read_your_writes"
    case monotonicReads = "monotonic_reads"
    case lostWrites = "lost_writes"
    case converged
    case convergenceTime = "convergence_time"
    case propagation
    case availability
    case syncLoops = "sync_loops"
    case forgedAccepted = "forged_accepted"
    case singleUseViolations = "single_use_violations"
    case duplicateAccounts = "duplicate_accounts"
    case staleAuthAccepts = "stale_auth_accepts"
    /// WebAuthn assertions accepted with a sign counter that did not grow (a cloned authenticator
    /// on a lagging vertical). An extension of the spec's keys.
    case staleCounterAccepts = "stale_counter_accepts"
    /// Acknowledged writes that the vertical which acknowledged them did not keep: the version
    /// they replaced is still there (last-writer-wins on a clock that went backwards). An extension.
    case lostUpdates = "lost_updates"
    /// Validly issued tokens refused for their signature by another vertical: a session broken,
    /// typically by a failover to a vertical that cannot verify the token. An extension.
    case sessionsBroken = "sessions_broken"
    /// Passkey assertions refused because the page's origin is not allowed for the passkey's
    /// rpId (a passkey of glassbreak.io used on glassbreak.cloud): a count over every surface, or
    /// a mapping of surfaces to counts. An extension.
    case passkeyWrongOrigin = "passkey_wrong_origin"
    /// Every fault hit something (requests, probes, envelopes or acknowledgements): on by default
    /// in a scenario with faults; `faults_hit: false` turns it off.
    case faultsHit = "faults_hit"

    /// How the key's value is written.
    public var valueKind: ExpectValueKind {
        switch self {
        case .readYourWrites, .monotonicReads: return .percentage
        case .lostWrites, .syncLoops, .forgedAccepted, .singleUseViolations, .duplicateAccounts,
            .staleAuthAccepts, .staleCounterAccepts, .lostUpdates, .sessionsBroken:
            return .count
        case .converged, .faultsHit: return .bool
        case .convergenceTime: return .duration
        case .propagation: return .percentiles
        case .availability: return .perSurface
        case .passkeyWrongOrigin: return .countPerSurface
        }
    }
}

/// The shape of an expectation's value.
public enum ExpectValueKind: Sendable {
    case percentage, count, bool, duration
    /// A mapping of `p50`, `p90`, `p99`, `p999`, `max` to durations.
    case percentiles
    /// A mapping of domain names to percentages.
    case perSurface
    /// A count over every surface, or a mapping of domain names to counts.
    case countPerSurface
}
