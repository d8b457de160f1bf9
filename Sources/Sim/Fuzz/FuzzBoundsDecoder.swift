import Foundation

/// Decodes a base scenario's optional `fuzz:` block into ``FuzzBounds``, with the same
/// `FILE:LINE:COLUMN: what is wrong (expected ...)` errors as every other key. A range is written
/// `LOW..HIGH` (both included) or as one value.
enum FuzzBoundsDecoder {
    /// The keys of `fuzz:` (``ScenarioFormat/fuzz``).
    static var keys: [String] { ScenarioFormat.fuzz.keys }

    /// `lastStepUs` is the base's last script step, which a drawn chaos phase must outlast.
    static func decode(_ cursor: YAMLCursor, topology: Topology, hasWorkload: Bool, lastStepUs: Int64?) throws
        -> FuzzBounds
    {
        let map = try cursor.mapping(allowed: keys)
        var bounds = FuzzBounds.defaults(for: topology)
        if let kinds = map.optional("kinds") {
            bounds.kinds = try decodeKinds(kinds, topology: topology)
        }
        if let faults = map.optional("faults") {
            bounds.faultCount = try range(faults, "a count", within: FuzzBounds.Limits.faults) { Units.parseCount($0) }
        }
        if let value = map.optional("fault_duration") {
            bounds.faultDurationUs = try durationRange(value, within: FuzzBounds.Limits.faultDurationUs)
        }
        if let value = map.optional("intensity") {
            bounds.intensity = try range(value, "a fraction", within: 0...1) { Units.parseDecimal($0) }
        }
        if let value = map.optional("clock_skew") {
            let skew = try value.duration(ScenarioBounds.faultOffset)
            guard skew <= topology.sync.toleranceUs else {
                throw value.error(
                    "clock skew \(VirtualTime.formatDuration(skew)) exceeds the sync tolerance (expected at most \(VirtualTime.formatDuration(topology.sync.toleranceUs)))"
                )
            }
            bounds.clockSkewUs = skew
        }
        if let value = map.optional("fault_latency") {
            bounds.faultLatencyUs = try durationRange(value, within: FuzzBounds.Limits.latencyUs)
        }
        if let value = map.optional("links") {
            bounds.linkLatencyUs =
                value.scalarText == "base"
                ? nil : try durationRange(value, within: FuzzBounds.Limits.latencyUs)
        }
        if let value = map.optional("duration"), value.scalarText != "base" {
            let range = try durationRange(value, within: FuzzBounds.Limits.durationUs)
            if let lastStepUs, range.lowerBound <= lastStepUs {
                throw value.error(
                    "a drawn chaos phase of \(VirtualTime.formatDuration(range.lowerBound)) would cut the script step at \(VirtualTime.formatDuration(lastStepUs)) (expected durations above it)"
                )
            }
            bounds.durationUs = range
        }
        for key in ["users", "rate"] where !hasWorkload {
            if let value = map.optional(key), value.scalarText != "base" {
                throw value.error("fuzz.\(key) needs a workload in the base scenario (add workload:)")
            }
        }
        if let value = map.optional("users"), value.scalarText != "base" {
            bounds.users = try range(value, "a number of users", within: FuzzBounds.Limits.users) {
                Units.parseCount($0)
            }
        }
        if let value = map.optional("rate"), value.scalarText != "base" {
            bounds.ratePerSecond = try range(value, "a rate like 5/s", within: FuzzBounds.Limits.ratePerSecond) {
                Units.parseRate($0)
            }
        }
        if let value = map.optional("mix") { bounds.drawsMix = try value.bool() }
        if let value = map.optional("surfaces") { bounds.drawsSurfaces = try value.bool() }
        return bounds
    }

    static func decodeKinds(_ cursor: YAMLCursor, topology: Topology) throws -> [FaultKind] {
        var kinds: [FaultKind] = []
        for item in try cursor.sequence(of: "fault kinds") {
            let text = try item.string()
            guard let kind = FaultKind(rawValue: text) else {
                throw item.error(
                    "unknown fault kind \"\(text)\" (expected one of: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            guard FuzzBounds.applicable(kind, to: topology) else {
                throw item.error("\(text) aims at a \(kind.targetKind.rawValue), which this topology does not have")
            }
            guard !kinds.contains(kind) else { throw item.error("fault kind \"\(text)\" is listed twice") }
            kinds.append(kind)
        }
        return kinds
    }

    static func durationRange(_ cursor: YAMLCursor, within limits: ClosedRange<Int64>) throws -> ClosedRange<Int64> {
        try range(cursor, "a duration like 30s", within: limits, show: VirtualTime.formatDuration) {
            Units.parseDuration($0)
        }
    }

    /// `LOW..HIGH` or one value, each parsed by `parse`, inside `limits`, LOW <= HIGH.
    static func range<T: Comparable>(
        _ cursor: YAMLCursor, _ what: String, within limits: ClosedRange<T>,
        show: (T) -> String = { "\($0)" }, parse: (String) -> T?
    ) throws -> ClosedRange<T> {
        let text = try cursor.scalar("\(what), or a range LOW..HIGH")
        let parts = text.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count <= 2, let low = parse(parts[0]), let high = parse(parts[parts.count - 1]) else {
            throw cursor.error("expected \(what), or a range LOW..HIGH of them, found \"\(text)\"")
        }
        guard low <= high else { throw cursor.error("range \(text) is empty (expected LOW <= HIGH)") }
        guard limits.contains(low), limits.contains(high) else {
            throw cursor.error(
                "\(text) is out of range (expected values from \(show(limits.lowerBound)) to \(show(limits.upperBound)))"
            )
        }
        return low...high
    }
}
