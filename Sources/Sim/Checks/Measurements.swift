import Verticals

/// Everything measured in one run, gathered at the end for the checks and the metrics.
struct Measurements {
    var readYourWrites: ViolationLog
    var rywJudged: Int
    var monotonicReads: ViolationLog
    var monotonicJudged: Int
    var lostWrites = 0
    var lostWritesFirst: String?
    var lostUpdates = ViolationLog()
    var sessionsBroken = ViolationLog()
    var acknowledgedObjects = 0
    var converged = false
    var convergedDetail: String?
    /// From the last heal to every backlog acknowledged; nil if it never happened.
    var convergenceUs: Int64?
    var propagation: PropagationSummary
    var availability: [(surface: String, counts: SurfaceCounts)]
    var edge: EdgeStats
    var edgeTargets: [String]
    /// Each fault, described, and whether it hit anything (for `faults_hit`).
    var faultHits: [(fault: String, hit: Bool)] = []
    /// The footer indicator (`metrics.footer`).
    var footer: JSONValue = .null
    /// The edge's health-check probes (`edge.probes`), null without an edge.
    var probes: JSONValue = .null
    var syncLoops: Int
    var syncLoopsFirst: String?
    var forgedAccepted: Int
    var forgedFirst: String?
    var syncRejected: [(String, Int)]
    var scriptFailures: ViolationLog
    var auth: AuthHazards
    /// Authentication counters summed over verticals.
    var authCounters: JSONValue = .null
    /// Passkey assertions refused for their origin, by surface (every domain of the topology).
    var passkeyWrongOrigin: [(surface: String, count: Int)] = []
    var scriptSteps: Int
    var hostileKeysRejected: Int
    var coldStarts: [(String, Int)]
    /// Per vertical: database write transactions, read accesses, sync counters.
    var storage: JSONValue = .null
    /// What the simulated network did with sync traffic.
    var network: JSONValue = .null

    var readYourWritesPercent: Double {
        rywJudged == 0 ? 100 : Double(rywJudged - readYourWrites.count) * 100 / Double(rywJudged)
    }

    var monotonicPercent: Double {
        monotonicJudged == 0 ? 100 : Double(monotonicJudged - monotonicReads.count) * 100 / Double(monotonicJudged)
    }

    /// The metrics block of the result: always complete, whatever was expected.
    func metricsJSON() -> JSONValue {
        func optionalDouble(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
        let totals = availability.reduce(SurfaceCounts()) { sum, item in
            SurfaceCounts(
                total: sum.total + item.counts.total, ok: sum.ok + item.counts.ok,
                failed: sum.failed + item.counts.failed, unknown: sum.unknown + item.counts.unknown,
                firstFailure: nil)
        }
        return .object([
            (
                "propagation_ms",
                .object([
                    ("p50", optionalDouble(propagation.percentileMs(50))),
                    ("p90", optionalDouble(propagation.percentileMs(90))),
                    ("p99", optionalDouble(propagation.percentileMs(99))),
                    ("p999", optionalDouble(propagation.percentileMs(99.9))),
                    ("max", optionalDouble(propagation.percentileMs(100))),
                    ("samples", .int(propagation.samples)),
                    ("excluded_in_fault_windows", .int(propagation.excluded)),
                    ("unfinished", .int(propagation.unfinished)),
                ])
            ),
            ("lost_writes", .int(lostWrites)),
            ("lost_updates", .int(lostUpdates.count)),
            ("sessions_broken", .int(sessionsBroken.count)),
            ("acknowledged_objects", .int(acknowledgedObjects)),
            (
                "availability",
                .object(
                    availability.map { ($0.surface, optionalDouble($0.counts.availabilityPercent.map(Self.round3))) })
            ),
            (
                "outcomes",
                .object([("ok", .int(totals.ok)), ("failed", .int(totals.failed)), ("unknown", .int(totals.unknown))])
            ),
            (
                "read_your_writes",
                .object([
                    ("percent", .double(Self.round3(readYourWritesPercent))), ("judged", .int(rywJudged)),
                    ("violations", .int(readYourWrites.count)), ("after_failover", .int(readYourWrites.afterFailover)),
                ])
            ),
            (
                "monotonic_reads",
                .object([
                    ("percent", .double(Self.round3(monotonicPercent))), ("judged", .int(monotonicJudged)),
                    ("violations", .int(monotonicReads.count)),
                ])
            ),
            ("failovers", .int(edge.failovers)),
            ("edge", edge.json(targets: edgeTargets, probes: probes)),
            ("footer", footer),
            ("sync_loops", .int(syncLoops)),
            ("forged_accepted", .int(forgedAccepted)),
            ("sync_rejected", .object(syncRejected.map { ($0.0, .int($0.1)) })),
            ("single_use_violations", .int(auth.singleUse.count)),
            ("duplicate_accounts", .int(auth.duplicateAccounts.count)),
            ("stale_auth_accepts", .int(auth.staleAuth.count)),
            ("stale_counter_accepts", .int(auth.staleCounter.count)),
            ("auth", authCounters),
            ("converged", .bool(converged)),
            ("convergence_ms", convergenceUs.map { .double(Double($0 / 100) / 10) } ?? .null),
            ("hostile_keys_rejected", .int(hostileKeysRejected)),
            ("cold_starts", .object(coldStarts.map { ($0.0, .int($0.1)) })),
            ("verticals", storage),
            ("network", network),
            ("script_steps", .int(scriptSteps)),
        ])
    }

    static func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
