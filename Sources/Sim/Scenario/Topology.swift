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

/// One vertical: a provider's compute, database and bucket.
public struct VerticalSpec: Sendable {
    public var id: String
    public var platform: String
    public var environment: String
    public var region: String
    public var database: String
    public var bucket: String
    public var runtime: RuntimeSpec
    public var databaseIdle: DatabaseIdleSpec?
}

/// A compute runtime's limits (AWS Lambda, Scaleway Functions, Fly Machines).
public struct RuntimeSpec: Sendable {
    public var coldStartUs: Int64
    public var warmLatencyUs: Int64
    public var timeoutUs: Int64
    public var maxPayloadBytes: Int
    public var idleEvictionUs: Int64
    public var concurrency: Int
}

/// A serverless database that sleeps when idle and wakes with a cold start.
public struct DatabaseIdleSpec: Sendable {
    public var afterUs: Int64
    public var coldStartUs: Int64
}

/// A domain, its registrar and DNS, and what it points at.
public struct DomainSpec: Sendable {
    public var name: String
    public var registrar: String
    public var dnsTTLUs: Int64
    /// The edge in front of it, if any; a domain without one points straight at its one target.
    public var edge: String?
    public var targets: [String]
}

/// The CDN edge and its health checks.
public struct EdgeSpec: Sendable {
    public var name: String
    public var healthCheck: HealthCheckSpec
}

/// Fastly-style health checks: every `interval`, keep the last `window` results, healthy when at
/// least `threshold` of them passed; `initial` passes are assumed at start.
public struct HealthCheckSpec: Sendable {
    public var intervalUs: Int64
    public var timeoutUs: Int64
    public var window: Int
    public var threshold: Int
    public var initial: Int
}

/// Latency and jitter between verticals (and from clients).
public struct NetworkSpec: Sendable {
    public var defaultLink: LinkSpec
    /// Per-pair overrides keyed by ``SimNetwork/pairKey(_:_:)``, in the order written.
    public var pairLinks: [(String, LinkSpec)]
    /// One-way latency between a client and the edge or a vertical.
    public var client: LinkSpec
}

/// One link's latency and jitter, in microseconds.
public struct LinkSpec: Sendable {
    public var latencyUs: Int64
    public var jitterUs: Int64
}

/// The outbox publisher's settings.
public struct SyncSpec: Sendable {
    public var batch: Int
    public var publishDelayUs: Int64
    public var retryInitialUs: Int64
    public var retryMaxUs: Int64
    public var toleranceUs: Int64
    /// How long a sent envelope waits for its acknowledgement before it counts as failed.
    public var ackTimeoutUs: Int64
    /// Most envelopes in flight to one peer at once.
    public var window: Int
}

/// Password hashing and token lifetimes.
public struct AuthSpec: Sendable {
    public var argon2MemoryKiB: Int
    public var argon2Iterations: Int
    public var argon2Parallelism: Int
    public var accessTTLUs: Int64
    public var refreshTTLUs: Int64
}
