import Verticals

/// What the edge did with sessions: new pins per vertical, failovers, the edge's failover latency
/// (from a vertical's 5xx or refused connection reaching the edge to the peer's answer), how long
/// after a fault started each session was moved (fault to repin), pin flaps, and health-state
/// changes. Fed by the edge's events.
final class EdgeStats: WorldEventSink {
    private(set) var newPins: [String: Int] = [:]
    private(set) var failovers = 0
    /// For failovers away from a faulted vertical: time from the fault's start to the move.
    private(set) var repinDelaysUs: [Int64] = []
    /// For every failover: time from the failed answer at the edge to the peer's answer there.
    private(set) var failoverLatenciesUs: [Int64] = []
    /// Sessions moved again within one health-check window of their previous move.
    private(set) var flaps = 0
    private(set) var healthChanges: [(atUs: Int64, target: String, healthy: Bool)] = []
    private var lastMoveUs: [SessionKey: Int64] = [:]
    /// The health-check window as a duration (`window` x `interval`).
    let flapWindowUs: Int64

    init(flapWindowUs: Int64) {
        self.flapWindowUs = flapWindowUs
    }

    func receive(_ event: WorldEvent, atUs: Int64) {
        switch event {
        case .pinned(let session, let vertical): pinned(session, to: vertical, atUs: atUs)
        case .failedOver(let session, _, let faultStartUs): failedOver(session, atUs: atUs, faultStartUs: faultStartUs)
        case .failoverAnswered(let latencyUs): failoverAnswered(latencyUs: latencyUs)
        case .healthChanged(let target, let healthy): healthChanged(target, healthy: healthy, atUs: atUs)
        default: break
        }
    }

    func pinned(_ session: SessionKey, to vertical: String, atUs: Int64) {
        newPins[vertical, default: 0] += 1
        lastMoveUs[session] = atUs
    }

    func failedOver(_ session: SessionKey, atUs: Int64, faultStartUs: Int64?) {
        failovers += 1
        if let faultStartUs { repinDelaysUs.append(atUs - faultStartUs) }
        if let previous = lastMoveUs[session], atUs - previous < flapWindowUs { flaps += 1 }
        lastMoveUs[session] = atUs
    }

    /// The peer answered a failover retry `latencyUs` after the first failure reached the edge.
    func failoverAnswered(latencyUs: Int64) {
        failoverLatenciesUs.append(latencyUs)
    }

    func healthChanged(_ target: String, healthy: Bool, atUs: Int64) {
        healthChanges.append((atUs, target, healthy))
    }

    /// The metrics block, targets in topology order.
    func json(targets: [String], probes: JSONValue) -> JSONValue {
        func summary(_ samples: [Int64]) -> JSONValue {
            let sorted = samples.sorted()
            func percentile(_ p: Double) -> JSONValue {
                guard !sorted.isEmpty else { return .null }
                let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
                return .double(Double(sorted[max(0, index)] / 100) / 10)
            }
            return .object([
                ("p50", percentile(50)), ("p99", percentile(99)), ("max", percentile(100)),
                ("samples", .int(sorted.count)),
            ])
        }
        return .object([
            ("pins", .object(targets.map { ($0, .int(newPins[$0] ?? 0)) })),
            ("failovers", .int(failovers)),
            ("failover_latency_ms", summary(failoverLatenciesUs)),
            ("fault_to_repin_ms", summary(repinDelaysUs)),
            ("flaps", .int(flaps)),
            ("probes", probes),
            (
                "health",
                .array(
                    healthChanges.map { change in
                        .object([
                            ("at_ms", .int(change.atUs / VirtualTime.ms)), ("target", .string(change.target)),
                            ("healthy", .bool(change.healthy)),
                        ])
                    })
            ),
        ])
    }
}
