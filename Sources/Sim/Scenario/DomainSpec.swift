/// A domain, its registrar and DNS, and what it points at.
public struct DomainSpec: Sendable {
    public var name: String
    public var registrar: String
    public var dnsTTLUs: Int64
    /// The edge in front of it, if any; a domain without one points straight at its one target.
    public var edge: String?
    public var targets: [String]
}
