/// One-way network latency between cloud regions, the hop between a runtime and a database placed
/// in another region (Lambda in us-east-1 reaching Neon in Frankfurt). Figures are half the
/// typical round trip between the providers' regions (AWS's inter-region latency figures and public
/// measurements between the cities): rounded, documented in docs/scenario-format.md, and the same
/// in every run. Within one region the hop is 500 µs.
public enum RegionLatency {
    /// A region of the table and the city it is in.
    public struct Region: Sendable {
        public var name: String
        public var city: String
    }

    /// The regions the table knows.
    public static let regions: [Region] = [
        Region(name: "us-east-1", city: "Ashburn, Virginia (AWS)"),
        Region(name: "eu-central-1", city: "Frankfurt (AWS; Neon's aws-eu-central-1)"),
        Region(name: "eu-west-3", city: "Paris (AWS)"),
        Region(name: "fr-par", city: "Paris (Scaleway)"),
        Region(name: "nl-ams", city: "Amsterdam (Scaleway)"),
        Region(name: "fra", city: "Frankfurt (Fly.io)"),
    ]

    /// One-way latency within a region.
    public static let sameRegionUs: Int64 = 500

    /// One-way latencies between pairs of regions, in milliseconds (the same both ways).
    static let pairsMs: [(String, String, Int64)] = [
        ("us-east-1", "eu-central-1", 45), ("us-east-1", "eu-west-3", 40), ("us-east-1", "fr-par", 40),
        ("us-east-1", "nl-ams", 40), ("us-east-1", "fra", 45),
        ("eu-central-1", "eu-west-3", 5), ("eu-central-1", "fr-par", 5), ("eu-central-1", "nl-ams", 4),
        ("eu-central-1", "fra", 1),
        ("eu-west-3", "fr-par", 1), ("eu-west-3", "nl-ams", 5), ("eu-west-3", "fra", 5),
        ("fr-par", "nl-ams", 5), ("fr-par", "fra", 5),
        ("nl-ams", "fra", 4),
    ]

    /// The one-way latency from `a` to `b`, or nil when the table does not know the pair.
    public static func oneWayUs(_ a: String, _ b: String) -> Int64? {
        if a == b { return sameRegionUs }
        for (x, y, ms) in pairsMs where (x == a && y == b) || (x == b && y == a) { return ms * 1000 }
        return nil
    }

    /// The table as Markdown rows (docs/scenario-format.md holds exactly these lines).
    public static func markdownTable() -> String {
        let names = regions.map(\.name)
        var lines = ["| one way, ms | " + names.joined(separator: " | ") + " |"]
        lines.append("|---|" + String(repeating: "---|", count: names.count))
        for a in names {
            let cells = names.map { b in
                let us = oneWayUs(a, b) ?? 0
                return us % 1000 == 0 ? "\(us / 1000)" : "\(Double(us) / 1000)"
            }
            lines.append("| \(a) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
