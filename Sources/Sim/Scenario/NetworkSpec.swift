/// Latency and jitter between verticals (and from clients).
public struct NetworkSpec: Sendable {
    public var defaultLink: LinkSpec
    /// Per-pair overrides keyed by ``SimNetwork/pairKey(_:_:)``, in the order written.
    public var pairLinks: [(String, LinkSpec)]
    /// One-way latency between a client and the edge or a vertical.
    public var client: LinkSpec
}
