/// One registered domain: its registrar, DNS record and TTL.
public struct DomainRecord: Sendable, Equatable {
    public var name: String
    public var registrar: String
    public var target: DNSTarget
    public var ttlUs: Int64
    /// While true the record points at nothing (a bad DNS push).
    public var misconfigured = false

    public init(name: String, registrar: String, target: DNSTarget, ttlUs: Int64) {
        self.name = name; self.registrar = registrar; self.target = target; self.ttlUs = ttlUs
    }
}
