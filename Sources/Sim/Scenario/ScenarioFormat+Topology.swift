/// The topology's sections. Under `use: BUILTIN` (and for network, sync and auth without it)
/// mappings merge key by key onto the built-in's, so their keys are optional in the schema; the
/// loader still requires each in the merged result.
extension ScenarioFormat {
    /// `topology:` as an inline mapping.
    public static let topology = FormatSection(
        "topology",
        [
            FormatField(
                "use", .oneOf(BuiltinTopologies.names), "Start from this built-in; the keys given override its own."),
            FormatField(
                "verticals", .list(.mapping(vertical), B.verticals),
                "The verticals (a list replaces the built-in's whole)."),
            FormatField("domains", .list(.mapping(domain), B.domains), "The domains, each with its registrar and DNS."),
            FormatField("edge", .mapping(edge), "The edge (CDN) in front of the domains that name it."),
            FormatField(
                "network", .mapping(network), "Latency and jitter of the links between verticals and to clients."),
            FormatField("sync", .mapping(sync), "The outbox-and-replay sync between verticals."),
            FormatField("auth", .mapping(auth), "Password hashing, token lifetimes and the passkeys' rpId."),
        ],
        requiredAlternatives: [["use"], ["verticals", "domains"]])

    /// One entry of `topology.verticals`.
    public static let vertical = FormatSection(
        "topology.verticals[]",
        [
            FormatField(
                "id", .identifier(maxLength: TopologyDecoder.maxVerticalIDLength), required: true,
                "The vertical's id (names its files in the run folder)."),
            FormatField(
                "platform", .identifier(maxLength: 63), required: true,
                "The compute platform, like aws-lambda (sent in x-gb-platform)."),
            FormatField("environment", .label(maxLength: 63), "Sent in x-gb-environment.", default: "production"),
            FormatField("region", .label(maxLength: 63), required: true, "A label, like us-east-1."),
            FormatField(
                "database", .label(maxLength: 63), "A label for the database (storage is SQLite).", default: "sqlite"),
            FormatField(
                "database_region", .label(maxLength: 63),
                "Where the database runs: each request pays a round trip from region to here (the region-to-region latency table).",
                default: "region"),
            FormatField(
                "bucket", .label(maxLength: 63), "A label for the object storage (storage is a folder).",
                default: "directory"),
            FormatField("runtime", .mapping(runtime), required: true, "The runtime's limits."),
            FormatField(
                "database_idle", .mapping(databaseIdle), "A serverless database that sleeps when idle and wakes slowly."
            ),
        ])

    /// `runtime:` of a vertical.
    public static let runtime = FormatSection(
        "runtime",
        [
            FormatField("cold_start", .duration(B.coldStart), required: true, "Time to start a new instance."),
            FormatField(
                "warm_latency", .duration(B.warmLatency), required: true, "Time a warm instance takes to answer."),
            FormatField(
                "timeout", .duration(B.timeout), required: true, "Longest request (at least cold_start + warm_latency)."
            ),
            FormatField("max_payload", .size(B.maxPayload), required: true, "Largest request body."),
            FormatField(
                "idle_eviction", .duration(B.idleEviction), required: true,
                "Idle time after which an instance is evicted."),
            FormatField("concurrency", .count(B.concurrency), required: true, "Most instances at once."),
        ])

    /// `database_idle:` of a vertical.
    public static let databaseIdle = FormatSection(
        "database_idle",
        [
            FormatField(
                "after", .duration(B.databaseIdleAfter), required: true, "Idle time after which the database sleeps."),
            FormatField(
                "cold_start", .duration(B.databaseColdStart), required: true, "Time the database takes to wake."),
        ])

    /// One entry of `topology.domains`.
    public static let domain = FormatSection(
        "topology.domains[]",
        [
            FormatField("name", .domainName, required: true, "The domain, like glassbreak.io."),
            FormatField(
                "registrar", .identifier(maxLength: 63), required: true,
                "Its registrar (a registrar-suspension fault names the domain)."),
            FormatField("dns_ttl", .duration(B.dnsTTL), required: true, "TTL of its DNS records in resolver caches."),
            FormatField(
                "edge", .identifier(maxLength: 63),
                "The edge in front of it; without one it points straight at its one target."),
            FormatField(
                "targets", .list(.identifier(maxLength: 63), B.verticals), required: true, "The verticals it reaches."),
        ])

    /// `topology.edge`.
    public static let edge = FormatSection(
        "topology.edge",
        [
            FormatField("name", .identifier(maxLength: 63), "The edge's name (edge faults target it)."),
            FormatField(
                "health_check", .mapping(healthCheck),
                "Background probes that keep unhealthy verticals out of new pins."),
        ])

    /// `topology.edge.health_check`.
    public static let healthCheck = FormatSection(
        "topology.edge.health_check",
        [
            FormatField(
                "interval", .duration(B.healthInterval),
                "Time between probes (GET /api/public/status over the network) of each target."),
            FormatField("timeout", .duration(B.healthTimeout), "A probe not answered within this fails."),
            FormatField(
                "expected", .count(B.expectStatus), "The status a passing probe answers.", default: "200"),
            FormatField("window", .count(B.healthWindow), "Probes remembered per target."),
            FormatField(
                "threshold", .count(B.healthThreshold),
                "Passing probes in the window to count as healthy (at most window)."),
            FormatField("initial", .count(B.healthInitial), "Passing probes assumed at the start (at most window)."),
        ])

    /// `topology.network`.
    public static let network = FormatSection(
        "topology.network",
        [
            FormatField(
                "links",
                .openMapping(keys: nil, keyPattern: "^(default|[a-z0-9-]+-[a-z0-9-]+)$", value: .mapping(link)),
                "`default`, and pairs of verticals like aws-scaleway (the same link both ways)."),
            FormatField(
                "client", .mapping(link), "One way, between clients and the edge or a vertical.",
                default: "{latency: 20ms, jitter: 5ms}"),
        ])

    /// A link's latency and jitter.
    public static let link = FormatSection(
        "link",
        [
            FormatField("latency", .duration(B.linkLatency), required: true, "One-way latency."),
            FormatField(
                "jitter", .duration(B.linkJitter), "Random extra latency, up to this (at most latency).", default: "0"),
        ])

    /// `topology.sync`.
    public static let sync = FormatSection(
        "topology.sync",
        [
            FormatField("batch", .count(B.syncBatch), "Outbox rows per envelope."),
            FormatField("publish_delay", .duration(B.publishDelay), "Delay before a commit is published."),
            FormatField("retry", .mapping(retry), "Backoff of unacknowledged envelopes."),
            FormatField("tolerance", .duration(B.tolerance), "Largest webhook-timestamp skew accepted."),
            FormatField(
                "ack_timeout", .duration(B.ackTimeout), "Time after which an unacknowledged envelope is resent.",
                default: "2s"),
            FormatField("window", .count(B.syncWindow), "Envelopes in flight per peer.", default: "4"),
            FormatField(
                "secret", .label(maxLength: 100),
                "The signing secret of every pair in the Standard Webhooks form whsec_<base64 of 24 to 64 bytes>.",
                default: "one key per pair derived from the seed"),
        ])

    /// `topology.sync.retry`.
    public static let retry = FormatSection(
        "topology.sync.retry",
        [
            FormatField("initial", .duration(B.retryInitial), "First backoff."),
            FormatField("max", .duration(B.retryMax), "Largest backoff (at least initial)."),
        ])

    /// `topology.auth`.
    public static let auth = FormatSection(
        "topology.auth",
        [
            FormatField("argon2", .mapping(argon2), "Argon2id parameters of password hashes."),
            FormatField("access_ttl", .duration(B.accessTTL), "Lifetime of access tokens."),
            FormatField("refresh_ttl", .duration(B.refreshTTL), "Lifetime of refresh tokens."),
            FormatField(
                "webauthn", .mapping(webauthn),
                "One rpId for every passkey and the origins related to it (WebAuthn related origin requests).",
                default: "each passkey gets the domain the user signed up on"),
        ])

    /// `topology.auth.webauthn`.
    public static let webauthn = FormatSection(
        "topology.auth.webauthn",
        [
            FormatField(
                "rp_id", .domainName, required: true,
                "The rpId passkeys are registered for: a domain of the topology, like glassbreak.io."),
            FormatField(
                "related_origins", .list(.label(maxLength: 261), B.relatedOrigins),
                "Origins (https://DOMAIN) whose pages may use the rpId's passkeys, served in its /.well-known/webauthn.",
                default: "[]"),
        ])

    /// `topology.auth.argon2`.
    public static let argon2 = FormatSection(
        "topology.auth.argon2",
        [
            FormatField(
                "memory", .size(B.argon2Memory), "Memory per hash, a whole number of KiB, at least 8KiB per lane."),
            FormatField("iterations", .count(B.argon2Iterations), "Passes over the memory."),
            FormatField("parallelism", .count(B.argon2Parallelism), "Lanes."),
        ])
}
