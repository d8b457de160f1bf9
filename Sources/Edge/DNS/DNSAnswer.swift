/// A DNS answer with the time it may be cached for.
public struct DNSAnswer: Sendable, Equatable {
    public var target: DNSTarget
    public var ttlUs: Int64
}
