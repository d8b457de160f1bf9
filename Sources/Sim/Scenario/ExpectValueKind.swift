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
