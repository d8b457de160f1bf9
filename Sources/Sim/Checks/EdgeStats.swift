import Verticals

/// What the edge did with sessions: new pins per vertical, failovers and how long after a
/// vertical failed each session was moved, pin flaps, and health-state changes.
struct EdgeStats {
    private(set) var newPins: [String: Int] = [:]
    private(set) var failovers = 0
    /// For failovers away from a faulted vertical: time from the fault's start to the move.
    private(set) var repinDelaysUs: [Int64] = []
    /// Sessions moved again within one health-check window of their previous move.
    private(set) var flaps = 0
    private(set) var healthChanges: [(atUs: Int64, target: String, healthy: Bool)] = []
    private var lastMoveUs: [SessionKey: Int64] = [:]
    /// The health-check window as a duration (`window` x `interval`).
    let flapWindowUs: Int64

    init(flapWindowUs: Int64) {
        self.flapWindowUs = flapWindowUs
    }

    mutating func pinned(_ session: SessionKey, to vertical: String, atUs: Int64) {
        newPins[vertical, default: 0] += 1
        lastMoveUs[session] = atUs
    }

    mutating func failedOver(_ session: SessionKey, atUs: Int64, faultStartUs: Int64?) {
        failovers += 1
        if let faultStartUs { repinDelaysUs.append(atUs - faultStartUs) }
        if let previous = lastMoveUs[session], atUs - previous < flapWindowUs { flaps += 1 }
        lastMoveUs[session] = atUs
    }

    mutating func healthChanged(_ target: String, healthy: Bool, atUs: Int64) {
        healthChanges.append((atUs, target, healthy))
    }

    /// The metrics block, targets in topology order.
    func json(targets: [String]) -> JSONValue {
        let sorted = repinDelaysUs.sorted()
        func percentile(_ p: Double) -> JSONValue {
            guard !sorted.isEmpty else { return .null }
            let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
            return .double(Double(sorted[max(0, index)] / 100) / 10)
        }
        return .object([
            ("pins", .object(targets.map { ($0, .int(newPins[$0] ?? 0)) })),
            ("failovers", .int(failovers)),
            (
                "repin_ms",
                .object([
                    ("p50", percentile(50)), ("p99", percentile(99)), ("max", percentile(100)),
                    ("samples", .int(sorted.count)),
                ])
            ),
            ("flaps", .int(flaps)),
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
