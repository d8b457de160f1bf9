import Yams

/// Decodes `topology:`: a built-in name, an inline mapping, or an inline mapping that starts from
/// a built-in with `use:` (mappings merge key by key, lists replace whole).
enum TopologyDecoder {
    static let sections = ["verticals", "domains", "edge", "network", "sync", "auth"]

    static func decode(_ cursor: YAMLCursor) throws -> Topology {
        if let name = cursor.scalarText {
            guard let node = try builtinNode(name) else {
                throw cursor.error(
                    "unknown topology \"\(name)\" (expected one of: \(BuiltinTopologies.names.joined(separator: ", ")), or an inline mapping)"
                )
            }
            return try decodeSections(
                YAMLCursor(
                    node: node, path: cursor.path, file: cursor.location.file,
                    fallback: cursor.location))
        }
        let keys = try cursor.mapping(allowed: ["use"] + sections)
        var merged = cursor.node
        if let use = keys.optional("use") {
            let name = try use.string()
            guard let base = try builtinNode(name) else {
                throw use.error(
                    "unknown topology \"\(name)\" (expected one of: \(BuiltinTopologies.names.joined(separator: ", ")))"
                )
            }
            merged = merge(base: base, override: removingKey("use", from: cursor.node))
        } else {
            // A standalone topology names its verticals and domains; the rest defaults to standard's.
            _ = try keys.required("verticals")
            _ = try keys.required("domains")
            let base = try builtinNode("standard")!
            merged = merge(
                base: removingKey("verticals", from: removingKey("domains", from: removingKey("edge", from: base))),
                override: cursor.node)
        }
        return try decodeSections(
            YAMLCursor(
                node: merged, path: cursor.path, file: cursor.location.file,
                fallback: cursor.location))
    }

    /// The built-in's node, with its marks removed so that errors fall back to the user's text.
    static func builtinNode(_ name: String) throws -> Node? {
        guard let yaml = BuiltinTopologies.yaml(name) else { return nil }
        guard let node = try Yams.compose(yaml: yaml) else { return nil }
        return strippingMarks(node)
    }

    static func strippingMarks(_ node: Node) -> Node {
        switch node {
        case .scalar(let scalar):
            return .scalar(Node.Scalar(scalar.string, scalar.tag, scalar.style, nil))
        case .mapping(let mapping):
            return .mapping(
                Node.Mapping(
                    mapping.map { (strippingMarks($0.key), strippingMarks($0.value)) },
                    mapping.tag, mapping.style, nil))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(strippingMarks), sequence.tag, sequence.style, nil))
        case .alias:
            return node
        }
    }

    /// Mappings merge key by key (the override's keys win, recursively); anything else replaces.
    static func merge(base: Node, override: Node) -> Node {
        guard case .mapping(let baseMapping) = base, case .mapping(let overMapping) = override else {
            return override
        }
        var pairs = baseMapping.map { ($0.key, $0.value) }
        for (key, value) in overMapping {
            if let index = pairs.firstIndex(where: { $0.0.string == key.string }) {
                pairs[index] = (key, merge(base: pairs[index].1, override: value))
            } else {
                pairs.append((key, value))
            }
        }
        return .mapping(Node.Mapping(pairs, overMapping.tag, overMapping.style, overMapping.mark))
    }

    static func removingKey(_ key: String, from node: Node) -> Node {
        guard case .mapping(let mapping) = node else { return node }
        let pairs = mapping.filter { $0.key.string != key }.map { ($0.key, $0.value) }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    // MARK: Sections

    static func decodeSections(_ cursor: YAMLCursor) throws -> Topology {
        let keys = try cursor.mapping(allowed: sections)
        let verticalsCursor = try keys.required("verticals")
        let verticals = try verticalsCursor.sequence(of: "verticals").map(decodeVertical)
        guard !verticals.isEmpty else { throw verticalsCursor.error("expected at least one vertical") }
        let verticalIds = verticals.map(\.id)
        for (index, id) in verticalIds.enumerated() where verticalIds[..<index].contains(id) {
            throw try verticalsCursor.sequence(of: "verticals")[index].error("duplicate vertical id \"\(id)\"")
        }
        let edge = try keys.optional("edge").map(decodeEdge)
        let domainsCursor = try keys.required("domains")
        var domains: [DomainSpec] = []
        for item in try domainsCursor.sequence(of: "domains") {
            let domain = try decodeDomain(item, verticalIds: verticalIds, edge: edge)
            if domains.contains(where: { $0.name == domain.name }) {
                throw item.error("duplicate domain \"\(domain.name)\"")
            }
            domains.append(domain)
        }
        let network = try decodeNetwork(try keys.required("network"), verticalIds: verticalIds)
        let sync = try decodeSync(try keys.required("sync"))
        let auth = try decodeAuth(try keys.required("auth"))
        return Topology(verticals: verticals, domains: domains, edge: edge, network: network, sync: sync, auth: auth)
    }

    static func decodeVertical(_ cursor: YAMLCursor) throws -> VerticalSpec {
        let keys = try cursor.mapping(allowed: [
            "id", "platform", "environment", "region", "database", "bucket",
            "runtime", "database_idle",
        ])
        let runtimeCursor = try keys.required("runtime")
        let runtime = try runtimeCursor.mapping(allowed: [
            "cold_start", "warm_latency", "timeout", "max_payload",
            "idle_eviction", "concurrency",
        ])
        let spec = RuntimeSpec(
            coldStartUs: try runtime.required("cold_start").duration(),
            warmLatencyUs: try runtime.required("warm_latency").duration(),
            timeoutUs: try runtime.required("timeout").duration(minimumUs: VirtualTime.ms),
            maxPayloadBytes: try runtime.required("max_payload").size(),
            idleEvictionUs: try runtime.required("idle_eviction").duration(),
            concurrency: try runtime.required("concurrency").int(in: 1...1_000_000))
        var idle: DatabaseIdleSpec?
        if let idleCursor = keys.optional("database_idle") {
            let idleKeys = try idleCursor.mapping(allowed: ["after", "cold_start"])
            idle = DatabaseIdleSpec(
                afterUs: try idleKeys.required("after").duration(minimumUs: VirtualTime.ms),
                coldStartUs: try idleKeys.required("cold_start").duration())
        }
        return VerticalSpec(
            id: try keys.required("id").identifier(),
            platform: try keys.required("platform").identifier(),
            environment: try keys.optional("environment")?.string() ?? "production",
            region: try keys.required("region").string(),
            database: try keys.optional("database")?.string() ?? "sqlite",
            bucket: try keys.optional("bucket")?.string() ?? "directory",
            runtime: spec,
            databaseIdle: idle)
    }

    static func decodeEdge(_ cursor: YAMLCursor) throws -> EdgeSpec {
        let keys = try cursor.mapping(allowed: ["name", "health_check"])
        let hc = try keys.required("health_check").mapping(allowed: [
            "interval", "timeout", "window", "threshold", "initial",
        ])
        let window = try hc.required("window").int(in: 1...64)
        let check = HealthCheckSpec(
            intervalUs: try hc.required("interval").duration(minimumUs: VirtualTime.ms),
            timeoutUs: try hc.required("timeout").duration(minimumUs: VirtualTime.ms),
            window: window,
            threshold: try hc.required("threshold").int(in: 1...window),
            initial: try hc.required("initial").int(in: 0...window))
        return EdgeSpec(name: try keys.required("name").identifier(), healthCheck: check)
    }

    static func decodeDomain(_ cursor: YAMLCursor, verticalIds: [String], edge: EdgeSpec?) throws -> DomainSpec {
        let keys = try cursor.mapping(allowed: ["name", "registrar", "dns_ttl", "edge", "targets"])
        let nameCursor = try keys.required("name")
        let name = try nameCursor.string()
        guard name.contains("."), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else {
            throw nameCursor.error("expected a domain name like glassbreak.io, found \"\(name)\"")
        }
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
        let targetCursors = try targetsCursor.sequence(of: "vertical ids")
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
            dnsTTLUs: try keys.required("dns_ttl").duration(), edge: edgeName, targets: targets)
    }

    static func decodeLink(_ cursor: YAMLCursor) throws -> LinkSpec {
        let keys = try cursor.mapping(allowed: ["latency", "jitter"])
        let latency = try keys.required("latency").duration()
        let jitterCursor = keys.optional("jitter")
        let jitter = try jitterCursor?.duration() ?? 0
        if jitter > latency, let jitterCursor {
            throw jitterCursor.error(
                "jitter \(VirtualTime.formatDuration(jitter)) exceeds latency \(VirtualTime.formatDuration(latency)) (expected jitter <= latency)"
            )
        }
        return LinkSpec(latencyUs: latency, jitterUs: jitter)
    }

    static func decodeNetwork(_ cursor: YAMLCursor, verticalIds: [String]) throws -> NetworkSpec {
        let keys = try cursor.mapping(allowed: ["links", "client"])
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
                    "unknown link \"\(entry.key)\" (expected default or a pair of verticals like \(verticalIds.prefix(2).joined(separator: "-")))"
                )
            }
            pairs.append((SimNetwork.pairKey(a, b), spec))
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
        let keys = try cursor.mapping(allowed: [
            "batch", "publish_delay", "retry", "tolerance", "ack_timeout", "window",
        ])
        let retry = try keys.required("retry").mapping(allowed: ["initial", "max"])
        let initial = try retry.required("initial").duration(minimumUs: VirtualTime.ms)
        let maxCursor = try retry.required("max")
        let maxRetry = try maxCursor.duration(minimumUs: VirtualTime.ms)
        guard maxRetry >= initial else {
            throw maxCursor.error("retry max must be at least retry initial (\(VirtualTime.formatDuration(initial)))")
        }
        return SyncSpec(
            batch: try keys.required("batch").int(in: 1...10_000),
            publishDelayUs: try keys.required("publish_delay").duration(),
            retryInitialUs: initial, retryMaxUs: maxRetry,
            toleranceUs: try keys.required("tolerance").duration(minimumUs: VirtualTime.second),
            ackTimeoutUs: try keys.optional("ack_timeout")?.duration(minimumUs: VirtualTime.ms) ?? 2
                * VirtualTime.second,
            window: try keys.optional("window")?.int(in: 1...64) ?? 4)
    }

    static func decodeAuth(_ cursor: YAMLCursor) throws -> AuthSpec {
        let keys = try cursor.mapping(allowed: ["argon2", "access_ttl", "refresh_ttl"])
        let argon = try keys.required("argon2").mapping(allowed: ["memory", "iterations", "parallelism"])
        let memoryCursor = try argon.required("memory")
        let memoryBytes = try memoryCursor.size()
        guard memoryBytes >= 8 * 1024, memoryBytes % 1024 == 0, memoryBytes <= 4 * 1024 * 1024 * 1024 else {
            throw memoryCursor.error(
                "argon2 memory must be a whole number of KiB from 8KiB to 4GiB (libargon2's limits)")
        }
        return AuthSpec(
            argon2MemoryKiB: memoryBytes / 1024,
            argon2Iterations: try argon.required("iterations").int(in: 1...64),
            argon2Parallelism: try argon.required("parallelism").int(in: 1...16),
            accessTTLUs: try keys.required("access_ttl").duration(minimumUs: VirtualTime.second),
            refreshTTLUs: try keys.required("refresh_ttl").duration(minimumUs: VirtualTime.second))
    }
}
