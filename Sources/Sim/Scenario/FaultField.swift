/// An extra field a fault kind takes, besides `at`, `for` and its target.
public enum FaultField: String, CaseIterable, Sendable {
    case rate, count, offset, latency, jitter, oneway

    /// What the field takes: the loader reads it with this bound, the schema describes it.
    public var format: FormatValue {
        switch self {
        case .rate: return .fraction(ScenarioBounds.faultRate)
        case .count: return .count(ScenarioBounds.faultCount)
        case .offset: return .duration(ScenarioBounds.faultOffset)
        case .latency: return .duration(ScenarioBounds.faultLatency)
        case .jitter: return .duration(ScenarioBounds.faultJitter)
        case .oneway: return .bool
        }
    }

    /// The bound of a numeric field (a programming error for `oneway`).
    var bound: FieldBound {
        switch format {
        case .fraction(let bound), .count(let bound), .duration(let bound): return bound
        default: preconditionFailure("\(rawValue) has no numeric bound")
        }
    }

    /// What the field means, for the schema and the docs.
    public var summary: String {
        switch self {
        case .rate: return "Fraction of what the fault applies to (0 to 1)."
        case .count: return "Number of requests the fault applies to (edge-error: the first N)."
        case .offset: return "Clock offset, a duration that may be negative."
        case .latency: return "The link's one-way latency during the fault."
        case .jitter: return "Random extra latency during the fault, up to this (at most latency)."
        case .oneway: return "Cut only the direction from the first vertical to the second."
        }
    }
}
