/// What a domain's DNS answers: the edge in front of it, or one vertical directly.
public enum DNSTarget: Sendable, Equatable {
    case edge(String)
    case vertical(String)
    /// A misconfigured record: the name resolves to an address where nothing listens.
    case blackhole
}
