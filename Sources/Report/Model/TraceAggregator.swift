import Sim

/// Folds a trace, event by event, into a ``RunAggregate``. Memory is bounded by the buckets, the
/// sessions (one pin each) and the replication backlog, whatever the trace's length.
///
/// ```swift
/// let aggregator = TraceAggregator(topology: scenario.topology, buckets: buckets, windows: windows)
/// try TraceReader(url: traceURL).forEach { aggregator.consume($0) }
/// let aggregate = aggregator.finish()
/// ```
public final class TraceAggregator {
    /// Authentication steps shown in the auth section, in this order.
    public static let authOperations = [
        "signup", "login", "login-totp", "login-webauthn", "login-recovery", "refresh", "logout", "change-password",
    ]

    let buckets: TimeBuckets
    let windows: [FaultWindow]
    private var surfaces: [RunAggregate.Surface]
    private let surfaceIndex: [String: Int]
    private var verticals: [RunAggregate.Vertical]
    private let verticalIndex: [String: Int]
    private var replication: ReplicationAggregator
    private var auth: [RunAggregate.AuthMethod]
    private let authIndex: [String: Int]
    /// Current pin of each session on an edge-fronted surface (vertical index).
    private var pins: [SessionID: Int] = [:]
    private var pinCounts: [Int]
    private var healthy: [Bool]
    private var downSince: [Int64?]
    private var failovers: [RunAggregate.Failovers] = []
    private var firstViolations: [RunAggregate.Violation] = []
    private var violationCounts: [(check: String, perBucket: [Int])] = []
    /// Buckets before this one have their end-of-bucket snapshots filled.
    private var snapshotBucket = 0
    private var healUs: Int64?
    private var lastUs: Int64 = 0
    private var eventCount = 0

    struct SessionID: Hashable {
        let user: String
        let surface: Int
    }

    public init(topology: Topology, buckets: TimeBuckets, windows: [FaultWindow]) {
        self.buckets = buckets
        self.windows = windows
        let zeros = Array(repeating: 0, count: buckets.count)
        surfaces = topology.domains.map {
            RunAggregate.Surface(
                name: $0.name, viaEdge: $0.edge != nil, ok: zeros, failed: zeros, unknown: zeros,
                latency: Array(repeating: LatencyBins(), count: buckets.count))
        }
        surfaceIndex = Dictionary(uniqueKeysWithValues: topology.domains.enumerated().map { ($1.name, $0) })
        verticals = topology.verticals.map {
            RunAggregate.Vertical(
                id: $0.id, served: zeros, errors: zeros, pinned: zeros, downIntervals: [], healthChanges: [])
        }
        verticalIndex = Dictionary(uniqueKeysWithValues: topology.verticals.enumerated().map { ($1.id, $0) })
        replication = ReplicationAggregator(verticals: topology.verticals.map(\.id), buckets: buckets, windows: windows)
        auth = Self.authOperations.map {
            RunAggregate.AuthMethod(operation: $0, attempts: 0, accepted: 0, refused: 0, failed: 0, perBucket: zeros)
        }
        authIndex = Dictionary(uniqueKeysWithValues: Self.authOperations.enumerated().map { ($1, $0) })
        pinCounts = Array(repeating: 0, count: topology.verticals.count)
        let initiallyHealthy = topology.edge.map { $0.healthCheck.initial >= $0.healthCheck.threshold } ?? true
        healthy = Array(repeating: initiallyHealthy, count: topology.verticals.count)
        downSince = Array(repeating: initiallyHealthy ? nil : 0, count: topology.verticals.count)
    }

    /// Folds one event in. Events must come in trace (virtual-time) order.
    public func consume(_ event: TraceEvent) {
        eventCount += 1
        lastUs = max(lastUs, event.timeUs)
        let bucket = buckets.index(event.timeUs)
        if bucket > snapshotBucket { snapshot(upTo: bucket) }
        switch event.kind {
        case "request": request(event, bucket: bucket)
        case "sync.commit": replication.commit(event, bucket: bucket)
        case "sync.apply": replication.apply(event, bucket: bucket)
        case "edge.health": health(event)
        case "check.violation": violation(event, bucket: bucket)
        case "phase.heal": healUs = event.timeUs
        default: break
        }
    }

    /// The aggregate, once every event has been consumed.
    public func finish() -> RunAggregate {
        snapshot(upTo: buckets.count)
        let endUs = max(lastUs, buckets.endUs)
        for index in verticals.indices {
            if let since = downSince[index] { verticals[index].downIntervals.append((since, endUs)) }
        }
        return RunAggregate(
            buckets: buckets, surfaces: surfaces, verticals: verticals, links: replication.finish(),
            failovers: failovers, auth: auth, firstViolations: firstViolations, violationCounts: violationCounts,
            healUs: healUs, endUs: endUs, eventCount: eventCount, hasCommitEvents: replication.sawCommits)
    }

    /// Fills the end-of-bucket snapshots (pins, backlog levels) of buckets before `bucket`.
    private func snapshot(upTo bucket: Int) {
        while snapshotBucket < min(bucket, buckets.count) {
            for index in verticals.indices { verticals[index].pinned[snapshotBucket] = pinCounts[index] }
            replication.carry(into: snapshotBucket + 1)
            snapshotBucket += 1
        }
    }

    private func request(_ event: TraceEvent, bucket: Int) {
        guard let via = event.string("via"), let surface = surfaceIndex[via] else { return }
        let outcome = event.string("outcome")
        let status = event.int("status")
        switch outcome {
        case "ok":
            surfaces[surface].ok[bucket] += 1
            if let latency = event.int("latency_us") {
                surfaces[surface].latency[bucket].record(ms: Double(latency) / 1000)
            }
        case "unknown": surfaces[surface].unknown[bucket] += 1
        default: surfaces[surface].failed[bucket] += 1
        }
        if let name = event.string("vertical"), let vertical = verticalIndex[name] {
            if let status, status >= 500 {
                verticals[vertical].errors[bucket] += 1
            } else {
                verticals[vertical].served[bucket] += 1
            }
            if surfaces[surface].viaEdge, let user = event.string("user") {
                repin(SessionID(user: user, surface: surface), to: vertical, atUs: event.timeUs, bucket: bucket)
            }
        }
        if let operation = event.string("op"), let method = authIndex[operation] {
            auth[method].attempts += 1
            auth[method].perBucket[bucket] += 1
            switch (outcome, status) {
            case ("ok", .some(let code)) where code < 300: auth[method].accepted += 1
            case ("ok", _): auth[method].refused += 1
            default: auth[method].failed += 1
            }
        }
    }

    /// The session's answer came from `vertical`: through the edge that is its pin; a change of
    /// pin is a failover (the edge re-pins only after a 5xx or a connection failure).
    private func repin(_ session: SessionID, to vertical: Int, atUs: Int64, bucket: Int) {
        let previous = pins[session]
        guard previous != vertical else { return }
        pins[session] = vertical
        pinCounts[vertical] += 1
        guard let previous else { return }
        pinCounts[previous] -= 1
        let move = "\(verticals[previous].id) → \(verticals[vertical].id)"
        if failovers.last?.bucket != bucket {
            failovers.append(RunAggregate.Failovers(bucket: bucket, firstUs: atUs, count: 0, moves: []))
        }
        let last = failovers.count - 1
        failovers[last].count += 1
        if let index = failovers[last].moves.firstIndex(where: { $0.name == move }) {
            failovers[last].moves[index].count += 1
        } else {
            failovers[last].moves.append(RunAggregate.Failovers.Move(name: move, count: 1))
        }
    }

    private func health(_ event: TraceEvent) {
        guard let target = event.string("target"), let index = verticalIndex[target],
            let isHealthy = event.bool("healthy"), isHealthy != healthy[index]
        else { return }
        healthy[index] = isHealthy
        verticals[index].healthChanges.append((event.timeUs, isHealthy))
        if isHealthy {
            verticals[index].downIntervals.append((downSince[index] ?? 0, event.timeUs))
            downSince[index] = nil
        } else {
            downSince[index] = event.timeUs
        }
    }

    private func violation(_ event: TraceEvent, bucket: Int) {
        guard let check = event.string("check") else { return }
        if let index = violationCounts.firstIndex(where: { $0.check == check }) {
            violationCounts[index].perBucket[bucket] += 1
        } else {
            var counts = Array(repeating: 0, count: buckets.count)
            counts[bucket] = 1
            violationCounts.append((check, counts))
            firstViolations.append(RunAggregate.Violation(check: check, atUs: event.timeUs, event: event))
        }
    }
}
