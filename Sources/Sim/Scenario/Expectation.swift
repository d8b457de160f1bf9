/// A bound on an observed value: percentages and ratios are minimums, counts and durations
/// maximums, unless `<=` or `>=` is written.
public enum Bound: Sendable, Equatable {
    case atLeast(Double)
    case atMost(Double)
    case equals(Bool)

    /// Whether `value` meets the bound.
    public func holds(_ value: Double) -> Bool {
        switch self {
        case .atLeast(let limit): return value >= limit - 1e-9
        case .atMost(let limit): return value <= limit + 1e-9
        case .equals(let flag): return (value != 0) == flag
        }
    }
}

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

    /// How the key's value is written.
    public var valueKind: ExpectValueKind {
        switch self {
        case .readYourWrites, .monotonicReads: return .percentage
        case .lostWrites, .syncLoops, .forgedAccepted, .singleUseViolations, .duplicateAccounts,
            .staleAuthAccepts, .staleCounterAccepts:
            return .count
        case .converged: return .bool
        case .convergenceTime: return .duration
        case .propagation: return .percentiles
        case .availability: return .perSurface
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
}

/// One check a scenario asks for, e.g. `availability: {glassbreak.io: ">= 99.9%"}` gives one
/// expectation with key `.availability`, qualifier `glassbreak.io`.
public struct Expectation: Sendable {
    public var key: ExpectKey
    /// The sub-key: a surface for availability, a percentile for propagation.
    public var qualifier: String?
    public var bound: Bound
    /// The value as written, for the report (`"<= 30s"`, `"99.9%"`).
    public var written: String
    public var location: SourceLocation

    /// The check's name in the result: the key, with its qualifier when it has one.
    public var checkName: String {
        qualifier.map { "\(key.rawValue).\($0)" } ?? key.rawValue
    }
}
