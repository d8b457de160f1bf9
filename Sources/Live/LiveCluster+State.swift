import Foundation
import Verticals

/// The live state the control server and the dashboard show.
extension LiveCluster {
    /// Each vertical's faults and sync state, the edge's health, the counters so far.
    func stateJSON() async -> JSONValue {
        let snapshot = stats.snapshot()
        var verticals: [(String, JSONValue)] = []
        for node in nodes {
            let faults = await node.vertical.faults
            let sync = await node.vertical.syncState()
            verticals.append(
                (
                    node.spec.id,
                    .object([
                        ("url", .string(node.server.url)), ("platform", .string(node.spec.platform)),
                        ("listening", .bool(node.server.isRunning)), ("compute_down", .bool(faults.computeDown)),
                        ("database_down", .bool(faults.databaseDown)), ("bucket_down", .bool(faults.bucketDown)),
                        ("provider_down", .bool(faults.providerDown)), ("crashed", .bool(faults.crashed)),
                        ("brownout_rate", .double(faults.brownoutRate)),
                        ("served", .int(snapshot.servedBy[node.spec.id] ?? 0)),
                        ("outbox_head", .int(sync.head)),
                        ("backlog", .object(sync.acked.keys.sorted().map { ($0, .int(sync.head - sync.acked[$0]!)) })),
                    ])
                ))
        }
        var edgeHealth: [(String, JSONValue)] = []
        if let edge {
            for (vertical, healthy) in await edge.health() { edgeHealth.append((vertical, .bool(healthy))) }
        }
        let requests = snapshot.requests.keys.sorted().map { surface -> (String, JSONValue) in
            let counts = snapshot.requests[surface] ?? [:]
            return (surface, .object(LiveStats.Outcome.allCases.map { ($0.rawValue, .int(counts[$0] ?? 0)) }))
        }
        let links = snapshot.links.keys.sorted().map { key -> (String, JSONValue) in
            let link = snapshot.links[key] ?? LiveStats.LinkCounters()
            return (
                key,
                .object([
                    ("sent", .int(link.sent)), ("applied", .int(link.applied)), ("lost", .int(link.lost)),
                    ("timeouts", .int(link.timeouts)),
                    ("p50_ms", LiveStats.quantile(link.propagationUs, 0.5).map { .double(Double($0) / 1000) } ?? .null),
                    (
                        "p99_ms",
                        LiveStats.quantile(link.propagationUs, 0.99).map { .double(Double($0) / 1000) } ?? .null
                    ),
                ])
            )
        }
        let failovers = snapshot.failovers.suffix(10).reversed().map { failover -> JSONValue in
            .object([
                ("unix_ms", .int(failover.unixMs)), ("from", .string(failover.from)), ("to", .string(failover.to)),
                ("reason", .string(failover.reason)), ("path", .string(failover.path)),
            ])
        }
        return .object([
            ("verticals", .object(verticals)), ("edge", .object(edgeHealth)), ("requests", .object(requests)),
            ("links", .object(links)), ("failovers", .int(snapshot.failoverCount)),
            ("recent_failovers", .array(failovers)),
            ("faults", .array(await faults.active.map { $0.json() })),
            ("problems", .int(snapshot.problemCount)),
            ("recent_problems", .array(snapshot.problems.map { .string($0) })),
        ])
    }
}
