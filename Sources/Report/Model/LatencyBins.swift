import Foundation

/// A small logarithmic histogram of latencies (ten bins per decade from 1 ms to about 17 min),
/// cheap enough to keep one per time bucket, precise to about 12 % for the percentiles a chart
/// draws.
public struct LatencyBins: Sendable, Equatable {
    /// Bins per decade of milliseconds.
    static let perDecade = 10.0
    /// Bin 0 holds everything under 1 ms; bin k (k >= 1) holds [10^((k-1)/10), 10^(k/10)) ms.
    static let binCount = 62

    public private(set) var counts: [Int32]
    public private(set) var total = 0

    public init() {
        counts = Array(repeating: 0, count: Self.binCount)
    }

    static func bin(ms: Double) -> Int {
        guard ms >= 1 else { return 0 }
        return min(binCount - 1, Int(log10(ms) * perDecade) + 1)
    }

    /// The upper edge of bin `index`, in milliseconds.
    static func upperMs(_ index: Int) -> Double {
        pow(10, Double(index) / perDecade)
    }

    public mutating func record(ms: Double) {
        counts[Self.bin(ms: ms)] += 1
        total += 1
    }

    /// The `percentile` (0...100) as the upper edge of the bin that holds it, nil when empty.
    public func percentile(_ percentile: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = max(1, Int((percentile / 100 * Double(total)).rounded(.up)))
        var seen = 0
        for index in counts.indices {
            seen += Int(counts[index])
            if seen >= rank { return Self.upperMs(index) }
        }
        return Self.upperMs(Self.binCount - 1)
    }
}
