/// The verticals, domains, edge, network, sync and auth settings a scenario runs on.
public struct Topology: Sendable {
    public var verticals: [VerticalSpec]
    public var domains: [DomainSpec]
    public var edge: EdgeSpec?
    public var network: NetworkSpec
    public var sync: SyncSpec
    public var auth: AuthSpec

    /// The vertical with id `id`.
    public func vertical(_ id: String) -> VerticalSpec? { verticals.first { $0.id == id } }
    /// The domain called `name`.
    public func domain(_ name: String) -> DomainSpec? { domains.first { $0.name == name } }
}
