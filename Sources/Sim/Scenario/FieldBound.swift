/// The documented bound of one numeric field of the scenario format: what kind of value it takes
/// and the smallest and largest accepted. The loader checks every numeric value against one of
/// these, and docs/scenario-format.md prints the same table (a test keeps the two equal).
public struct FieldBound: Sendable {
    /// How the field's value is written and measured.
    public enum Kind: Sendable {
        /// Microseconds, written like `250ms`.
        case duration
        /// Bytes, written like `6MB`.
        case size
        /// A whole number.
        case count
        /// Events per second, written like `20/s`.
        case rate
        /// A number from 0 to 1.
        case fraction
    }

    /// The field as the docs name it, e.g. `workload.rate`.
    public let field: String
    public let kind: Kind
    /// The smallest accepted value, in the kind's base unit (µs, bytes, count, per second).
    public let minimum: Double
    /// The largest accepted value, in the kind's base unit.
    public let maximum: Double
    /// Whether the minimum itself is excluded (a rate must be above 0).
    public let minimumExcluded: Bool
    /// More conditions, for the docs (`≤ every vertical's max_payload`).
    public let note: String

    public init(
        _ field: String, _ kind: Kind, _ minimum: Double, _ maximum: Double, minimumExcluded: Bool = false,
        note: String = ""
    ) {
        precondition(minimum <= maximum, "\(field): empty bound")
        self.field = field
        self.kind = kind
        self.minimum = minimum
        self.maximum = maximum
        self.minimumExcluded = minimumExcluded
        self.note = note
    }

    /// Whether `value` lies inside the bound.
    public func contains(_ value: Double) -> Bool {
        (minimumExcluded ? value > minimum : value >= minimum) && value <= maximum
    }

    /// `1ms to 30d`, `above 0/s, at most 10000/s`.
    public var rangeText: String {
        minimumExcluded
            ? "above \(format(minimum)), at most \(format(maximum))" : "\(format(minimum)) to \(format(maximum))"
    }

    /// A value of this field's kind written in the scenario format's own units.
    public func format(_ value: Double) -> String {
        switch kind {
        case .duration: return FieldBound.formatDuration(Int64(value.rounded()))
        case .size: return FieldBound.formatSize(Int(value.rounded()))
        case .count: return String(Int64(value.rounded()))
        case .rate: return value == value.rounded() ? "\(Int64(value))/s" : "\(value)/s"
        case .fraction: return value == value.rounded() ? String(Int64(value)) : String(value)
        }
    }

    /// A duration with the largest unit that divides it: `30d`, `1h`, `250ms`, `-1d`.
    public static func formatDuration(_ us: Int64) -> String {
        if us != 0, us % VirtualTime.day == 0 { return "\(us / VirtualTime.day)d" }
        return VirtualTime.formatDuration(us)
    }

    /// A size with the largest binary or decimal unit that divides it: `1GiB`, `100MB`, `512B`.
    public static func formatSize(_ bytes: Int) -> String {
        guard bytes != 0 else { return "0B" }
        for (unit, scale) in [("GiB", 1 << 30), ("GB", 1_000_000_000), ("MiB", 1 << 20), ("MB", 1_000_000)]
        where bytes % scale == 0 {
            return "\(bytes / scale)\(unit)"
        }
        for (unit, scale) in [("KiB", 1024), ("KB", 1000)] where bytes % scale == 0 {
            return "\(bytes / scale)\(unit)"
        }
        return "\(bytes)B"
    }

    /// The docs' table row: `| `field` | range; note |`.
    public var markdownRow: String {
        "| `\(field)` | \(rangeText)\(note.isEmpty ? "" : "; \(note)") |"
    }
}
