import Foundation

/// How far a campaign has got, and its one-line rendering for the progress display.
public struct FuzzProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    public var failures: Int
    public var elapsedMs: Int64

    /// Seeds per minute so far (nil before the first seed).
    public var seedsPerMinute: Double? {
        done == 0 || elapsedMs <= 0 ? nil : Double(done) * 60_000 / Double(elapsedMs)
    }

    /// `fuzz-small: 340/1000 seeds, 2 failed, 1234 seeds/min, 32s left`.
    public func line(base: String) -> String {
        var text = "\(base): \(done)/\(total) seeds, \(failures) failed"
        if let rate = seedsPerMinute {
            let leftMs = Int64(Double(total - done) / rate * 60_000)
            text += ", \(Int(rate.rounded())) seeds/min, \(Self.clock(leftMs)) left"
        }
        return text
    }

    /// `1h02m`, `4m05s`, `32s`.
    static func clock(_ ms: Int64) -> String {
        let seconds = max(0, (ms + 999) / 1000)
        if seconds >= 3600 { return "\(seconds / 3600)h" + String(format: "%02dm", seconds % 3600 / 60) }
        if seconds >= 60 { return "\(seconds / 60)m" + String(format: "%02ds", seconds % 60) }
        return "\(seconds)s"
    }
}
