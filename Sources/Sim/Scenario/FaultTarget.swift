/// What a fault is aimed at, resolved against the topology.
public enum FaultTarget: Sendable, Equatable, CustomStringConvertible {
    case vertical(String)
    case edge(String)
    case domain(String)
    case link(String, String)

    public var description: String {
        switch self {
        case .vertical(let id): return id
        case .edge(let name): return name
        case .domain(let name): return name
        case .link(let a, let b): return "\(a)-\(b)"
        }
    }
}
