/// Fixed-width buckets of virtual time from zero to the end of a run: what the report aggregates
/// into, so that its size depends on the bucket count, not on the run's length or traffic.
public struct TimeBuckets: Sendable, Equatable {
    /// Bucket widths tried in order; the first that needs at most ``maximumCount`` buckets wins.
    static let widthsUs: [Int64] = [
        100_000, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 15_000_000, 30_000_000, 60_000_000,
        120_000_000, 300_000_000, 600_000_000, 1_800_000_000, 3_600_000_000,
    ]
    /// Most buckets a chart has.
    public static let maximumCount = 400

    public let widthUs: Int64
    public let count: Int
    /// The end of the run (the last bucket may extend past it).
    public let endUs: Int64

    /// Buckets covering `[0, endUs]`.
    public init(endUs: Int64) {
        let end = max(endUs, 1)
        let width = Self.widthsUs.first { (end + $0 - 1) / $0 <= Int64(Self.maximumCount) } ?? Self.widthsUs.last!
        self.init(widthUs: width, endUs: end)
    }

    /// Buckets of a given width (tests).
    public init(widthUs: Int64, endUs: Int64) {
        precondition(widthUs > 0, "bucket width must be positive")
        self.widthUs = widthUs
        self.endUs = max(endUs, 1)
        count = Int((self.endUs + widthUs - 1) / widthUs)
    }

    /// The bucket holding instant `us` (clamped to the range).
    public func index(_ us: Int64) -> Int {
        min(max(0, Int(us / widthUs)), count - 1)
    }

    public func startUs(_ index: Int) -> Int64 { Int64(index) * widthUs }
    public func endUs(_ index: Int) -> Int64 { min(Int64(index + 1) * widthUs, endUs) }
    public func midUs(_ index: Int) -> Int64 { (startUs(index) + endUs(index)) / 2 }

    /// `5s` — how the width reads in axis titles.
    public var widthLabel: String { Format.duration(us: widthUs) }
}
