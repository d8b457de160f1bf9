import Sim

/// A few lines describing a topology, for `simctl topology` without `--svg`.
public enum TopologyOutline {
    public static func text(_ topology: Topology) -> String {
        var lines: [String] = []
        for domain in topology.domains {
            let path = domain.edge.map { "edge \($0) → \(domain.targets.joined(separator: ", "))" } ?? domain.targets[0]
            lines.append(
                "\(domain.name) (registrar \(domain.registrar), DNS TTL \(Format.duration(us: domain.dnsTTLUs))) → \(path)"
            )
        }
        for vertical in topology.verticals {
            lines.append(
                "vertical \(vertical.id): \(vertical.platform) in \(vertical.region), database \(vertical.database), bucket \(vertical.bucket)"
            )
        }
        let ids = topology.verticals.map(\.id)
        var pairs: [String] = []
        for a in ids.indices { for b in ids.indices where b > a { pairs.append("\(ids[a]) ⇄ \(ids[b])") } }
        if !pairs.isEmpty { lines.append("sync: \(pairs.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}
