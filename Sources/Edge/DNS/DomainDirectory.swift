/// What a domain's DNS answers: the edge in front of it, or one vertical directly.
public enum DNSTarget: Sendable, Equatable {
    case edge(String)
    case vertical(String)
    /// A misconfigured record: the name resolves to an address where nothing listens.
    case blackhole
}

/// A DNS answer with the time it may be cached for.
public struct DNSAnswer: Sendable, Equatable {
    public var target: DNSTarget
    public var ttlUs: Int64
}

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

/// One client's resolver cache: answers are reused until their TTL expires, so a registrar
/// suspension or a bad push reaches a client only when its cached answer runs out, and a bad
/// answer keeps hurting it for the TTL after the fix.
public struct ResolverCache: Sendable {
    private var entries: [String: (answer: DNSAnswer, expiresUs: Int64)] = [:]
    /// Lookups answered from the cache, and sent upstream.
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init() {}

    /// Resolves `domain` at `nowUs`, from the cache when fresh; nil is NXDOMAIN (negative
    /// answers are not cached, as a simplification that only shortens outages).
    public mutating func resolve(_ domain: String, nowUs: Int64, directory: DomainDirectory) -> DNSAnswer? {
        if let cached = entries[domain], cached.expiresUs > nowUs {
            hits += 1
            return cached.answer
        }
        misses += 1
        guard let answer = directory.resolve(domain) else {
            entries[domain] = nil
            return nil
        }
        entries[domain] = (answer, nowUs + answer.ttlUs)
        return answer
    }
}
