/// Helpers for virtual time, which the simulator keeps as integer microseconds.
public enum VirtualTime {
    /// Microseconds in a millisecond, second, minute, hour and day.
    public static let ms: Int64 = 1_000
    public static let second: Int64 = 1_000_000
    public static let minute: Int64 = 60_000_000
    public static let hour: Int64 = 3_600_000_000
    public static let day: Int64 = 86_400_000_000

    /// A human form of a virtual instant, minutes and seconds to the millisecond: `5m00.412s`.
    public static func format(_ us: Int64) -> String {
        let sign = us < 0 ? "-" : ""
        let totalMs = abs(us) / ms
        let minutes = totalMs / 60_000
        let seconds = (totalMs % 60_000) / 1_000
        let millis = totalMs % 1_000
        let secText = (seconds < 10 ? "0" : "") + String(seconds)
        let msText = String(repeating: "0", count: millis < 10 ? 2 : millis < 100 ? 1 : 0) + String(millis)
        return minutes > 0 ? "\(sign)\(minutes)m\(secText).\(msText)s" : "\(sign)\(seconds).\(msText)s"
    }

    /// A duration in the scenario format's own units: `250ms`, `30s`, `10m`, `1h`.
    public static func formatDuration(_ us: Int64) -> String {
        if us % hour == 0, us != 0 { return "\(us / hour)h" }
        if us % minute == 0, us != 0 { return "\(us / minute)m" }
        if us % second == 0 { return "\(us / second)s" }
        if us % ms == 0 { return "\(us / ms)ms" }
        return "\(us)us"
    }
}
