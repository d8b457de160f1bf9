import Foundation
import Verticals

/// The sections of a topology: verticals, domains, edge, network, sync and auth, each value
/// checked against its bound in ``ScenarioBounds``.
extension TopologyDecoder {
    typealias Bounds = ScenarioBounds

    /// Longest vertical id: it names files in the run folder (`ID.sqlite`, `ID-bucket/`, `ID.log.jsonl`).
    static let maxVerticalIDLength = 32

    /// With `issues`, each section that does not depend on a broken one is decoded and its
    /// error recorded; without, the first error is thrown.
    static func decodeSections(_ cursor: YAMLCursor, issues: DecodeIssues? = nil) throws -> Topology {
        let sink = issues ?? DecodeIssues(file: cursor.location.file)
        let before = sink.errors.count
        let keys = try cursor.mapping(allowed: sections)
        let verticals = sink.attempt { try decodeVerticals(try keys.required("verticals"), sink) }
        let edge = sink.attempt { try keys.optional("edge").map(decodeEdge) }
        let sync = sink.attempt { try decodeSync(try keys.required("sync")) }
        guard let verticals, let edge else {
            _ = sink.attempt { try decodeAuth(try keys.required("auth"), domains: nil) }
            try sink.fail(since: before, owned: issues == nil)
        }
        let verticalIds = verticals.map(\.id)
        let domains = sink.attempt {
            try decodeDomains(try keys.required("domains"), verticalIds: verticalIds, edge: edge)
        }
        let auth = sink.attempt { try decodeAuth(try keys.required("auth"), domains: domains?.map(\.name)) }
        let network = sink.attempt { try decodeNetwork(try keys.required("network"), verticalIds: verticalIds) }
        guard let domains, let network, let sync, let auth else { try sink.fail(since: before, owned: issues == nil) }
        return Topology(verticals: verticals, domains: domains, edge: edge, network: network, sync: sync, auth: auth)
    }

    /// The verticals, each decoded on its own (every broken one is recorded), ids unique.
    static func decodeVerticals(_ cursor: YAMLCursor, _ sink: DecodeIssues) throws -> [VerticalSpec] {
        let before = sink.errors.count
        let items = try cursor.sequence(of: "verticals", bound: Bounds.verticals)
        let verticals = items.compactMap { item in sink.attempt { try decodeVertical(item) } }
        guard verticals.count == items.count else { throw DecodeIssues.Recorded() }
        let verticalIds = verticals.map(\.id)
        for (index, id) in verticalIds.enumerated() where verticalIds[..<index].contains(id) {
            sink.record(items[index].error("duplicate vertical id \"\(id)\""))
        }
        guard sink.errors.count == before else { throw DecodeIssues.Recorded() }
        return verticals
    }

    static func decodeDomains(_ cursor: YAMLCursor, verticalIds: [String], edge: EdgeSpec?) throws -> [DomainSpec] {
        var domains: [DomainSpec] = []
        for item in try cursor.sequence(of: "domains", bound: Bounds.domains) {
            let domain = try decodeDomain(item, verticalIds: verticalIds, edge: edge)
            if domains.contains(where: { $0.name == domain.name }) {
                throw item.error("duplicate domain \"\(domain.name)\"")
            }
            domains.append(domain)
        }
        return domains
    }

    static func decodeVertical(_ cursor: YAMLCursor) throws -> VerticalSpec {
        let keys = try cursor.mapping(allowed: ScenarioFormat.vertical.keys)
        let id = try keys.required("id").identifier(maxLength: maxVerticalIDLength)
        let runtimeCursor = try keys.required("runtime")
        let runtime = try runtimeCursor.mapping(allowed: ScenarioFormat.runtime.keys)
        let spec = RuntimeSpec(
            coldStartUs: try runtime.required("cold_start").duration(Bounds.coldStart),
            warmLatencyUs: try runtime.required("warm_latency").duration(Bounds.warmLatency),
            timeoutUs: try runtime.required("timeout").duration(Bounds.timeout),
            maxPayloadBytes: try runtime.required("max_payload").size(Bounds.maxPayload),
            idleEvictionUs: try runtime.required("idle_eviction").duration(Bounds.idleEviction),
            concurrency: try runtime.required("concurrency").count(Bounds.concurrency))
        var idle: DatabaseIdleSpec?
        if let idleCursor = keys.optional("database_idle") {
            let idleKeys = try idleCursor.mapping(allowed: ScenarioFormat.databaseIdle.keys)
            idle = DatabaseIdleSpec(
                afterUs: try idleKeys.required("after").duration(Bounds.databaseIdleAfter),
                coldStartUs: try idleKeys.required("cold_start").duration(Bounds.databaseColdStart))
        }
        let region = try keys.required("region").label()
        var databaseRegion = region
        if let placed = keys.optional("database_region") {
            databaseRegion = try placed.label()
            guard RegionLatency.oneWayUs(region, databaseRegion) != nil else {
                throw placed.error(
                    "no latency known between \(region) and \(databaseRegion) (expected the vertical's region or one of the regions of the latency table: \(RegionLatency.regions.map(\.name).joined(separator: ", ")), with region also in it)"
                )
            }
        }
        return VerticalSpec(
            id: id,
            platform: try keys.required("platform").identifier(),
            environment: try keys.optional("environment")?.label() ?? "production",
            region: region,
            database: try keys.optional("database")?.label() ?? "sqlite",
            databaseRegion: databaseRegion,
            bucket: try keys.optional("bucket")?.label() ?? "directory",
            runtime: spec,
            databaseIdle: idle)
    }

    static func decodeEdge(_ cursor: YAMLCursor) throws -> EdgeSpec {
        let keys = try cursor.mapping(allowed: ScenarioFormat.edge.keys)
        let hc = try keys.required("health_check").mapping(allowed: ScenarioFormat.healthCheck.keys)
        let window = try hc.required("window").count(Bounds.healthWindow)
        let check = HealthCheckSpec(
            intervalUs: try hc.required("interval").duration(Bounds.healthInterval),
            timeoutUs: try hc.required("timeout").duration(Bounds.healthTimeout),
            window: window,
            threshold: try hc.required("threshold").count(in: 1...window),
            initial: try hc.required("initial").count(in: 0...window),
            expectedStatus: try hc.optional("expected")?.count(Bounds.expectStatus) ?? 200)
        return EdgeSpec(name: try keys.required("name").identifier(), healthCheck: check)
    }

    /// A DNS name: at most 253 characters, labels of 1 to 63 of a-z, 0-9 and -, at least two labels.
    static func domainName(_ cursor: YAMLCursor) throws -> String {
        let name = try cursor.scalar("a domain name like glassbreak.io")
        guard isDomainName(name) else {
            throw cursor.error(
                "expected a domain name like glassbreak.io (lowercase labels of a-z, 0-9 and -, at most 63 characters each, 253 in all), found \"\(Quote.short(name))\""
            )
        }
        return name
    }

    /// Whether `name` is a DNS name as ``domainName(_:)`` accepts it.
    static func isDomainName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return name.utf8.count <= 253 && labels.count >= 2
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
            }
    }

    static func decodeDomain(_ cursor: YAMLCursor, verticalIds: [String], edge: EdgeSpec?) throws -> DomainSpec {
        let keys = try cursor.mapping(allowed: ScenarioFormat.domain.keys)
        let name = try domainName(try keys.required("name"))
        var edgeName: String?
        if let edgeCursor = keys.optional("edge") {
            let wanted = try edgeCursor.identifier()
            guard let edge, edge.name == wanted else {
                throw edgeCursor.error(
                    "unknown edge \"\(wanted)\" (expected \(edge.map { "\"\($0.name)\"" } ?? "an edge defined under topology.edge"))"
                )
            }
            edgeName = wanted
        }
        let targetsCursor = try keys.required("targets")
        let targetCursors = try targetsCursor.sequence(of: "vertical ids", bound: Bounds.verticals)
        var targets: [String] = []
        for target in targetCursors {
            let id = try target.identifier()
            guard verticalIds.contains(id) else {
                throw target.error(
                    "unknown vertical \"\(id)\" (expected one of: \(verticalIds.joined(separator: ", ")))")
            }
            guard !targets.contains(id) else { throw target.error("vertical \"\(id)\" is listed twice") }
            targets.append(id)
        }
        guard !targets.isEmpty else { throw targetsCursor.error("expected at least one target vertical") }
        if edgeName == nil, targets.count > 1 {
            throw targetsCursor.error(
                "a domain without an edge points straight at one vertical; found \(targets.count) targets")
        }
        return DomainSpec(
            name: name, registrar: try keys.required("registrar").identifier(),
            dnsTTLUs: try keys.required("dns_ttl").duration(Bounds.dnsTTL), edge: edgeName, targets: targets)
    }

    static func decodeLink(_ cursor: YAMLCursor) throws -> LinkSpec {
        let keys = try cursor.mapping(allowed: ScenarioFormat.link.keys)
        let latency = try keys.required("latency").duration(Bounds.linkLatency)
        let jitterCursor = keys.optional("jitter")
        let jitter = try jitterCursor?.duration(Bounds.linkJitter) ?? 0
        if jitter > latency, let jitterCursor {
            throw jitterCursor.error(
                "jitter \(VirtualTime.formatDuration(jitter)) exceeds latency \(VirtualTime.formatDuration(latency)) (expected jitter <= latency)"
            )
        }
        return LinkSpec(latencyUs: latency, jitterUs: jitter)
    }

    static func decodeNetwork(_ cursor: YAMLCursor, verticalIds: [String]) throws -> NetworkSpec {
        let keys = try cursor.mapping(allowed: ScenarioFormat.network.keys)
        let linksCursor = try keys.required("links")
        var defaultLink: LinkSpec?
        var pairs: [(String, LinkSpec)] = []
        for entry in try linksCursor.openMapping() {
            let spec = try decodeLink(entry.value)
            if entry.key == "default" {
                defaultLink = spec
                continue
            }
            guard let (a, b) = splitPair(entry.key, verticalIds: verticalIds) else {
                throw entry.keyCursor.error(
                    "unknown link \"\(Quote.short(entry.key))\" (expected default or a pair of verticals like \(verticalIds.prefix(2).joined(separator: "-")))"
                )
            }
            let key = SimNetwork.pairKey(a, b)
            guard !pairs.contains(where: { $0.0 == key }) else {
                throw entry.keyCursor.error("link \"\(entry.key)\" is given twice (a link is the same both ways)")
            }
            pairs.append((key, spec))
        }
        guard let defaultLink else { throw linksCursor.error("missing required key \"default\"") }
        let client =
            try keys.optional("client").map(decodeLink)
            ?? LinkSpec(latencyUs: 20 * VirtualTime.ms, jitterUs: 5 * VirtualTime.ms)
        return NetworkSpec(defaultLink: defaultLink, pairLinks: pairs, client: client)
    }

    /// Splits `aws-scaleway` into two known vertical ids (ids may themselves contain `-`).
    static func splitPair(_ text: String, verticalIds: [String]) -> (String, String)? {
        for a in verticalIds where text.hasPrefix(a + "-") {
            let b = String(text.dropFirst(a.count + 1))
            if verticalIds.contains(b), b != a { return (a, b) }
        }
        return nil
    }

    static func decodeSync(_ cursor: YAMLCursor) throws -> SyncSpec {
        let keys = try cursor.mapping(allowed: ScenarioFormat.sync.keys)
        let retry = try keys.required("retry").mapping(allowed: ScenarioFormat.retry.keys)
        let initial = try retry.required("initial").duration(Bounds.retryInitial)
        let maxCursor = try retry.required("max")
        let maxRetry = try maxCursor.duration(Bounds.retryMax)
        guard maxRetry >= initial else {
            throw maxCursor.error("retry max must be at least retry initial (\(VirtualTime.formatDuration(initial)))")
        }
        return SyncSpec(
            batch: try keys.required("batch").count(Bounds.syncBatch),
            publishDelayUs: try keys.required("publish_delay").duration(Bounds.publishDelay),
            retryInitialUs: initial, retryMaxUs: maxRetry,
            toleranceUs: try keys.required("tolerance").duration(Bounds.tolerance),
            ackTimeoutUs: try keys.optional("ack_timeout")?.duration(Bounds.ackTimeout) ?? 2 * VirtualTime.second,
            window: try keys.optional("window")?.count(Bounds.syncWindow) ?? 4,
            secret: try keys.optional("secret").map(decodeSecret))
    }

    /// A Standard Webhooks secret: `whsec_` then the base64 of 24 to 64 bytes.
    static func decodeSecret(_ cursor: YAMLCursor) throws -> [UInt8] {
        let text = try cursor.scalar("a secret like whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        guard text.hasPrefix("whsec_"), let bytes = Data(base64Encoded: String(text.dropFirst(6))),
            (24...64).contains(bytes.count)
        else {
            throw cursor.error(
                "expected a Standard Webhooks secret: whsec_ then the base64 of 24 to 64 bytes (found \(text.count) characters)"
            )
        }
        return [UInt8](bytes)
    }

    /// `auth`; with `domains`, `webauthn.rp_id` must be one of them.
    static func decodeAuth(_ cursor: YAMLCursor, domains: [String]?) throws -> AuthSpec {
        let keys = try cursor.mapping(allowed: ScenarioFormat.auth.keys)
        let argon = try keys.required("argon2").mapping(allowed: ScenarioFormat.argon2.keys)
        let memoryCursor = try argon.required("memory")
        let memoryBytes = try memoryCursor.size(Bounds.argon2Memory)
        let parallelism = try argon.required("parallelism").count(Bounds.argon2Parallelism)
        guard memoryBytes % 1024 == 0 else {
            throw memoryCursor.error("argon2 memory must be a whole number of KiB (libargon2 counts in KiB)")
        }
        guard memoryBytes >= 8 * 1024 * parallelism else {
            throw memoryCursor.error(
                "argon2 memory must be at least 8KiB per lane: \(8 * parallelism)KiB for parallelism \(parallelism) (libargon2's limit)"
            )
        }
        var spec = AuthSpec(
            argon2MemoryKiB: memoryBytes / 1024,
            argon2Iterations: try argon.required("iterations").count(Bounds.argon2Iterations),
            argon2Parallelism: parallelism,
            accessTTLUs: try keys.required("access_ttl").duration(Bounds.accessTTL),
            refreshTTLUs: try keys.required("refresh_ttl").duration(Bounds.refreshTTL))
        if let webauthn = keys.optional("webauthn") {
            spec.webauthn = try decodeWebAuthn(webauthn, domains: domains)
        }
        return spec
    }

    /// `auth.webauthn`: an rpId among the topology's domains and up to 16 distinct related
    /// origins, each `https://` and a domain name (no port, no path), none the rpId's own.
    static func decodeWebAuthn(_ cursor: YAMLCursor, domains: [String]?) throws -> WebAuthnPolicy {
        let keys = try cursor.mapping(allowed: ScenarioFormat.webauthn.keys)
        let rpCursor = try keys.required("rp_id")
        let rpID = try domainName(rpCursor)
        if let domains, !domains.contains(rpID) {
            throw rpCursor.error(
                "rp_id \"\(rpID)\" is not a domain of the topology (expected one of: \(domains.joined(separator: ", ")))"
            )
        }
        var origins: [String] = []
        for item in try keys.optional("related_origins")?.sequence(of: "related origins", bound: Bounds.relatedOrigins)
            ?? []
        {
            let text = try item.scalar("an origin like https://glassbreak.cloud")
            guard text.hasPrefix("https://"), isDomainName(String(text.dropFirst(8))) else {
                throw item.error(
                    "expected an origin like https://glassbreak.cloud (https:// and a domain name, no port or path), found \"\(Quote.short(text))\""
                )
            }
            guard !origins.contains(text) else { throw item.error("duplicate related origin \"\(text)\"") }
            guard text != WebAuthnPolicy.origin(host: rpID) else {
                throw item.error("\"\(text)\" is the rpId's own origin, always accepted (expected another origin)")
            }
            origins.append(text)
        }
        return WebAuthnPolicy(rpID: rpID, relatedOrigins: origins)
    }
}
