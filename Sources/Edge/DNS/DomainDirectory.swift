/// The authoritative view of every domain and registrar: what an uncached lookup returns.
///
/// A suspended registrar makes its domains stop resolving (NXDOMAIN) for clients whose cached
/// answers have expired; other registrars' domains are untouched.
public struct DomainDirectory: Sendable {
    private var records: [DomainRecord]
    private var suspendedRegistrars: [String] = []

    public init(records: [DomainRecord]) {
        self.records = records
    }

    /// The record of `domain`.
    public func record(_ domain: String) -> DomainRecord? { records.first { $0.name == domain } }

    /// Suspends or restores a registrar.
    public mutating func setSuspended(_ registrar: String, _ suspended: Bool) {
        suspendedRegistrars.removeAll { $0 == registrar }
        if suspended { suspendedRegistrars.append(registrar) }
    }

    /// Whether `registrar` is suspended.
    public func isSuspended(_ registrar: String) -> Bool { suspendedRegistrars.contains(registrar) }

    /// Marks `domain`'s record as pointing at nothing, or restores it.
    public mutating func setMisconfigured(_ domain: String, _ misconfigured: Bool) {
        guard let index = records.firstIndex(where: { $0.name == domain }) else {
            preconditionFailure("unknown domain \(domain)")
        }
        records[index].misconfigured = misconfigured
    }

    /// An uncached lookup: nil is NXDOMAIN.
    public func resolve(_ domain: String) -> DNSAnswer? {
        guard let record = record(domain), !isSuspended(record.registrar) else { return nil }
        return DNSAnswer(target: record.misconfigured ? .blackhole : record.target, ttlUs: record.ttlUs)
    }
}
