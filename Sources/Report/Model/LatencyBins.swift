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

/// The coarse bins of the propagation histogram chart, in milliseconds.
public enum PropagationBins {
    /// Upper edges; the last bin is everything above the last edge.
    public static let edgesMs: [Double] = [25, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000, 300_000]

    /// The bin of a latency.
    public static func bin(ms: Double) -> Int {
        edgesMs.firstIndex { ms < $0 } ?? edgesMs.count
    }

    /// Short labels, one per bin.
    public static let labels = [
        "<25ms", "25–50ms", "50–100ms", "0.1–0.2s", "0.2–0.5s", "0.5–1s", "1–2s", "2–5s", "5–10s", "10–30s", "30s–1m",
        "1–5m", ">5m",
    ]
}
