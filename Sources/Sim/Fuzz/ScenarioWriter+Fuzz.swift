extension ScenarioWriter {
    /// The `fuzz:` block of a base scenario, every key stated.
    static func fuzzLines(_ bounds: FuzzBounds, topology: Topology) -> [String] {
        func range<T: Equatable>(_ range: ClosedRange<T>, _ show: (T) -> String) -> String {
            range.lowerBound == range.upperBound
                ? show(range.lowerBound) : "\(show(range.lowerBound))..\(show(range.upperBound))"
        }
        func optional<T: Equatable>(_ value: ClosedRange<T>?, _ show: (T) -> String) -> String {
            value.map { range($0, show) } ?? "base"
        }
        var lines = [
            "fuzz:",
            "  kinds: " + YAMLText.flowList(bounds.kinds.map(\.rawValue)),
            "  faults: " + range(bounds.faultCount) { "\($0)" },
        ]
        if let duration = bounds.faultDurationUs {
            lines.append("  fault_duration: " + range(duration, YAMLText.duration))
        }
        lines.append("  intensity: " + range(bounds.intensity, YAMLText.number))
        if let skew = bounds.clockSkewUs { lines.append("  clock_skew: " + YAMLText.duration(skew)) }
        lines += [
            "  fault_latency: " + range(bounds.faultLatencyUs, YAMLText.duration),
            "  links: " + optional(bounds.linkLatencyUs, YAMLText.duration),
        ]
        if let duration = bounds.durationUs { lines.append("  duration: " + range(duration, YAMLText.duration)) }
        if let users = bounds.users { lines.append("  users: " + range(users) { "\($0)" }) }
        if let rate = bounds.ratePerSecond { lines.append("  rate: " + range(rate, YAMLText.rate)) }
        lines += ["  mix: \(bounds.drawsMix)", "  surfaces: \(bounds.drawsSurfaces)"]
        return lines
    }
}
