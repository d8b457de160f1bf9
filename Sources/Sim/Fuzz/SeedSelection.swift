/// The seeds one campaign runs: the range `first...last`, cut into `shards` disjoint slices of
/// which this is number `shard` (1-based). Seed `first + i` belongs to slice `i % shards + 1`, so
/// slices interleave and stay within one seed of each other in size; together they cover the
/// range exactly once.
public struct SeedSelection: Sendable, Equatable {
    public let first: UInt64
    public let last: UInt64
    public let shard: Int
    public let shards: Int

    /// Most seeds one range may hold, and most shards it may be cut into.
    public static let maximumSeeds: UInt64 = 1_000_000_000
    public static let maximumShards = 100_000

    public init(first: UInt64, last: UInt64, shard: Int = 1, shards: Int = 1) {
        precondition(first <= last && shard >= 1 && shard <= shards, "invalid seed selection")
        self.first = first
        self.last = last
        self.shard = shard
        self.shards = shards
    }

    /// Parses `--seeds A..B` and `--shard K/N`.
    public static func parse(seeds: String, shard: String?) throws(FuzzRequestError) -> SeedSelection {
        let parts = seeds.components(separatedBy: "..")
        guard parts.count == 2, let first = UInt64(parts[0]), let last = UInt64(parts[1]), first <= last,
            last - first < maximumSeeds
        else { throw .seeds(seeds) }
        guard let shard else { return SeedSelection(first: first, last: last) }
        let slice = shard.split(separator: "/", omittingEmptySubsequences: false)
        guard slice.count == 2, let k = Int(slice[0]), let n = Int(slice[1]), n >= 1, n <= maximumShards, k >= 1,
            k <= n
        else { throw .shard(shard) }
        return SeedSelection(first: first, last: last, shard: k, shards: n)
    }

    /// The range as written: `A..B`.
    public var rangeText: String { "\(first)..\(last)" }
    /// The slice as written: `K/N`.
    public var shardText: String { "\(shard)/\(shards)" }

    /// How many seeds this slice holds.
    public var count: Int {
        let total = last - first + 1
        let offset = UInt64(shard - 1)
        return total <= offset ? 0 : Int((total - offset - 1) / UInt64(shards) + 1)
    }

    /// The `index`-th seed of this slice, in increasing order.
    public func seed(at index: Int) -> UInt64 {
        precondition(index >= 0 && index < count, "seed index out of the slice")
        return first + UInt64(shard - 1) + UInt64(index) * UInt64(shards)
    }

    /// Every seed of this slice, in order.
    public var seeds: [UInt64] { (0..<count).map(seed(at:)) }
}
