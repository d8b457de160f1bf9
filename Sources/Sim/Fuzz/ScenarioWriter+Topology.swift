import Verticals
import Yams

extension ScenarioWriter {
    /// The sections of a topology in the order of the docs, each as the lines that state it in
    /// full (under `topology:`, indented by two).
    static func sections(_ topology: Topology) -> [(name: String, lines: [String])] {
        var sections: [(String, [String])] = [
            ("verticals", ["  verticals:"] + topology.verticals.flatMap(verticalLines)),
            ("domains", ["  domains:"] + topology.domains.map { "    - " + domain($0) }),
        ]
        if let edge = topology.edge {
            let check = edge.healthCheck
            let health = YAMLText.flow(
                [
                    ("interval", YAMLText.duration(check.intervalUs)), ("timeout", YAMLText.duration(check.timeoutUs)),
                    ("window", "\(check.window)"), ("threshold", "\(check.threshold)"), ("initial", "\(check.initial)"),
                ] + (check.expectedStatus == 200 ? [] : [("expected", "\(check.expectedStatus)")]))
            sections.append(("edge", ["  edge: " + YAMLText.flow([("name", edge.name), ("health_check", health)])]))
        }
        let network = topology.network
        let links = [("default", link(network.defaultLink))] + network.pairLinks.map { ($0.0, link($0.1)) }
        sections.append(
            (
                "network",
                ["  network: " + YAMLText.flow([("links", YAMLText.flow(links)), ("client", link(network.client))])]
            ))
        let sync = topology.sync
        let retry = YAMLText.flow([
            ("initial", YAMLText.duration(sync.retryInitialUs)), ("max", YAMLText.duration(sync.retryMaxUs)),
        ])
        sections.append(
            (
                "sync",
                [
                    "  sync: "
                        + YAMLText.flow([
                            ("batch", "\(sync.batch)"), ("publish_delay", YAMLText.duration(sync.publishDelayUs)),
                            ("retry", retry), ("tolerance", YAMLText.duration(sync.toleranceUs)),
                            ("ack_timeout", YAMLText.duration(sync.ackTimeoutUs)), ("window", "\(sync.window)"),
                        ])
                ]
            ))
        let auth = topology.auth
        let argon = YAMLText.flow([
            ("memory", YAMLText.size(auth.argon2MemoryKiB * 1024)), ("iterations", "\(auth.argon2Iterations)"),
            ("parallelism", "\(auth.argon2Parallelism)"),
        ])
        sections.append(
            (
                "auth",
                [
                    "  auth: "
                        + YAMLText.flow(
                            [
                                ("argon2", argon), ("access_ttl", YAMLText.duration(auth.accessTTLUs)),
                                ("refresh_ttl", YAMLText.duration(auth.refreshTTLUs)),
                            ] + webauthn(auth.webauthn))
                ]
            ))
        return sections
    }

    /// `webauthn: {rp_id, related_origins}` when the topology gives it.
    static func webauthn(_ policy: WebAuthnPolicy) -> [(String, String)] {
        guard let rpID = policy.rpID else { return [] }
        let origins = YAMLText.flowList(policy.relatedOrigins.map(YAMLText.scalar))
        return [("webauthn", YAMLText.flow([("rp_id", rpID), ("related_origins", origins)]))]
    }

    static func verticalLines(_ vertical: VerticalSpec) -> [String] {
        let runtime = vertical.runtime
        var lines = [
            "    - id: \(vertical.id)",
            "      platform: \(vertical.platform)",
            "      environment: \(YAMLText.scalar(vertical.environment))",
            "      region: \(YAMLText.scalar(vertical.region))",
            "      database: \(YAMLText.scalar(vertical.database))",
            "      bucket: \(YAMLText.scalar(vertical.bucket))",
            "      runtime: "
                + YAMLText.flow([
                    ("cold_start", YAMLText.duration(runtime.coldStartUs)),
                    ("warm_latency", YAMLText.duration(runtime.warmLatencyUs)),
                    ("timeout", YAMLText.duration(runtime.timeoutUs)),
                    ("max_payload", YAMLText.size(runtime.maxPayloadBytes)),
                    ("idle_eviction", YAMLText.duration(runtime.idleEvictionUs)),
                    ("concurrency", "\(runtime.concurrency)"),
                ]),
        ]
        if vertical.databaseRegion != vertical.region {
            lines.insert("      database_region: \(YAMLText.scalar(vertical.databaseRegion))", at: 5)
        }
        if let idle = vertical.databaseIdle {
            lines.append(
                "      database_idle: "
                    + YAMLText.flow([
                        ("after", YAMLText.duration(idle.afterUs)), ("cold_start", YAMLText.duration(idle.coldStartUs)),
                    ]))
        }
        return lines
    }

    static func domain(_ domain: DomainSpec) -> String {
        var pairs = [
            ("name", YAMLText.scalar(domain.name)), ("registrar", domain.registrar),
            ("dns_ttl", YAMLText.duration(domain.dnsTTLUs)),
        ]
        if let edge = domain.edge { pairs.append(("edge", edge)) }
        pairs.append(("targets", YAMLText.flowList(domain.targets)))
        return YAMLText.flow(pairs)
    }

    static func link(_ link: LinkSpec) -> String {
        YAMLText.flow([("latency", YAMLText.duration(link.latencyUs)), ("jitter", YAMLText.duration(link.jitterUs))])
    }

    /// `topology:` as briefly as exactness allows: a built-in's name when it is one, `use:` a
    /// built-in plus the sections that differ, or every section inline.
    static func topologyLines(_ topology: Topology) -> [String] {
        let mine = sections(topology)
        var best: (name: String, differing: [(name: String, lines: [String])])?
        for (name, builtin) in BuiltinTopologySections.all {
            // `use:` merges onto the built-in: it cannot remove its edge or its named links.
            guard topology.edge != nil || !builtin.contains(where: { $0.name == "edge" }) else { continue }
            let differing = mine.filter { section in !builtin.contains { $0.name == section.name && $0 == section } }
            if best == nil || differing.count < best!.differing.count { best = (name, differing) }
        }
        guard let best, BuiltinTopologySections.pairLinksFree(best.name) else {
            return ["topology:"] + mine.flatMap(\.lines)
        }
        if best.differing.isEmpty { return ["topology: \(best.name)"] }
        return ["topology:", "  use: \(best.name)"] + best.differing.flatMap(\.lines)
    }
}

/// The built-in topologies' sections as ``ScenarioWriter`` writes them, computed once.
enum BuiltinTopologySections {
    static let all: [(String, [(name: String, lines: [String])])] = BuiltinTopologies.names.map { name in
        (name, ScenarioWriter.sections(topology(name)))
    }

    static func topology(_ name: String) -> Topology {
        do {
            return try TopologyDecoder.decode(
                YAMLCursor(node: Node(name), path: "topology", file: "built-in", sourceMap: SourceMap()))
        } catch {
            preconditionFailure("built-in topology \(name) does not load: \(error)")
        }
    }

    /// Whether the built-in has no named links (which a `use:` override could not remove).
    static func pairLinksFree(_ name: String) -> Bool {
        topology(name).network.pairLinks.isEmpty
    }
}
