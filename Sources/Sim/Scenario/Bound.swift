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
