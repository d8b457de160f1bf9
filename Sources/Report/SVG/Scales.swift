import Foundation

/// Maps virtual time (microseconds) to x, with "nice" tick intervals (1 s, 5 s, 1 min, ...).
public struct TimeScale: Sendable {
    public let startUs: Int64
    public let endUs: Int64
    public let x0: Double
    public let x1: Double

    public init(startUs: Int64 = 0, endUs: Int64, x0: Double, x1: Double) {
        precondition(endUs > startUs, "a time scale needs a positive span")
        self.startUs = startUs
        self.endUs = endUs
        self.x0 = x0
        self.x1 = x1
    }

    /// x of time `us`, clamped to the scale.
    public func x(_ us: Int64) -> Double {
        let clamped = min(max(us, startUs), endUs)
        return x0 + Double(clamped - startUs) / Double(endUs - startUs) * (x1 - x0)
    }

    /// Tick intervals tried in order; the first giving at most `maxTicks` ticks wins.
    static let tickSteps: [Int64] = [
        100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 15_000_000, 30_000_000, 60_000_000,
        120_000_000, 300_000_000, 600_000_000, 900_000_000, 1_800_000_000, 3_600_000_000, 7_200_000_000,
        21_600_000_000, 86_400_000_000,
    ]

    /// Tick times (multiples of a nice step) within the scale.
    public func ticks(maxTicks: Int = 12) -> [Int64] {
        let span = endUs - startUs
        let step = Self.tickSteps.first { span / $0 <= Int64(maxTicks) } ?? Self.tickSteps.last!
        var tick = (startUs + step - 1) / step * step
        var ticks: [Int64] = []
        while tick <= endUs {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }
}

/// Maps a value to y: linear from zero, or logarithmic for latencies.
public struct ValueScale: Sendable {
    public enum Kind: Sendable, Equatable {
        case linear
        /// Base-10 logarithmic between `min` and the maximum (values below `min` sit on the axis).
        case log(min: Double)
    }

    public let kind: Kind
    /// The top of the axis (a nice number at or above the data's maximum).
    public let maximum: Double
    /// Distance between linear ticks: 1, 2 or 5 x 10^k, at least 1 (the linear charts count things).
    public let step: Double
    public let y0: Double
    public let y1: Double

    /// A scale for data up to `dataMaximum`; `y0` is the bottom of the plot, `y1` its top.
    public init(kind: Kind = .linear, dataMaximum: Double, y0: Double, y1: Double) {
        self.kind = kind
        self.y0 = y0
        self.y1 = y1
        switch kind {
        case .linear:
            step = Self.niceStep(dataMaximum / 5)
            maximum = max(step, (dataMaximum / step).rounded(.up) * step)
        case .log(let minimum):
            step = 0
            let wanted = max(dataMaximum, minimum * 10)
            maximum = Self.logTicks.first { $0 >= wanted && $0 > minimum } ?? Self.powerOfTenCeiling(wanted)
        }
    }

    /// y of `value`.
    public func y(_ value: Double) -> Double {
        switch kind {
        case .linear:
            return y0 - min(max(value, 0), maximum) / maximum * (y0 - y1)
        case .log(let minimum):
            let clamped = min(max(value, minimum), maximum)
            let fraction = (log10(clamped) - log10(minimum)) / (log10(maximum) - log10(minimum))
            return y0 - fraction * (y0 - y1)
        }
    }

    /// Values to draw grid lines and labels at.
    public func ticks() -> [Double] {
        switch kind {
        case .linear:
            return (0...Int((maximum / step).rounded())).map { Double($0) * step }
        case .log(let minimum):
            return Self.logTicks.filter { $0 >= minimum && $0 <= maximum * 1.0001 }
        }
    }

    /// Tick values of a logarithmic scale of milliseconds: powers of ten, then minutes and hours.
    static let logTicks: [Double] = [1, 10, 100, 1000, 10_000, 60_000, 600_000, 3_600_000, 36_000_000]

    /// The smallest of 1, 2, 5 x 10^k at or above `value` (1 for values up to 1).
    public static func niceStep(_ value: Double) -> Double {
        guard value > 1 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= value - 1e-9 {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    static func powerOfTenCeiling(_ value: Double) -> Double {
        pow(10, ceil(log10(max(value, 1e-9))))
    }
}

/// Human formatting of durations and numbers for axis labels and tables.
public enum Format {
    /// A short duration label: `0`, `250ms`, `45s`, `2m`, `2m30s`, `1h05m`.
    public static func duration(us: Int64) -> String {
        if us == 0 { return "0" }
        let sign = us < 0 ? "-" : ""
        let magnitude = us.magnitude
        if magnitude < 1_000_000 {
            let ms = Double(magnitude) / 1000
            return sign + (ms >= 10 || ms == ms.rounded() ? "\(Int(ms.rounded()))ms" : "\(SVGNumber.format(ms))ms")
        }
        let totalSeconds = magnitude / 1_000_000
        let fraction = magnitude % 1_000_000
        let hours = totalSeconds / 3600
        let minutes = (totalSeconds % 3600) / 60
        let seconds = totalSeconds % 60
        if hours > 0 { return sign + "\(hours)h" + (minutes > 0 ? String(format: "%02dm", minutes) : "") }
        if minutes > 0 { return sign + "\(minutes)m" + (seconds > 0 ? String(format: "%02ds", seconds) : "") }
        if fraction >= 100_000 { return sign + "\(seconds).\(fraction / 100_000)s" }
        return sign + "\(seconds)s"
    }

    /// A precise virtual instant: `5m00.412s`.
    public static func instant(us: Int64) -> String {
        let ms = us / 1000
        let minutes = ms / 60_000
        let seconds = Double(ms % 60_000) / 1000
        if minutes == 0 { return String(format: "%.3fs", seconds) }
        return "\(minutes)m" + String(format: "%06.3fs", seconds)
    }

    /// A latency in milliseconds: `0.4ms`, `92ms`, `1.2s`, `3m10s`.
    public static func milliseconds(_ ms: Double) -> String {
        if ms < 10 { return "\(SVGNumber.format(ms))ms" }
        if ms < 1000 { return "\(Int(ms.rounded()))ms" }
        if ms < 60_000 { return "\(SVGNumber.format(ms / 1000))s" }
        return duration(us: Int64(ms * 1000))
    }

    /// A count for an axis: `950`, `1.2k`, `45k`, `1.5M`.
    public static func count(_ value: Double) -> String {
        if value < 1000 { return value == value.rounded() ? String(Int(value)) : SVGNumber.format(value) }
        if value < 1_000_000 {
            let k = value / 1000
            return (k == k.rounded() ? String(Int(k)) : SVGNumber.format(k)) + "k"
        }
        let m = value / 1_000_000
        return (m == m.rounded() ? String(Int(m)) : SVGNumber.format(m)) + "M"
    }
}
