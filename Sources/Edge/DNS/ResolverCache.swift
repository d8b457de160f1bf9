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
