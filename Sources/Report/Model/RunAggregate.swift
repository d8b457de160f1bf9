/// Everything the report draws, aggregated from one pass over the trace into time buckets.
/// Its size depends on the number of buckets, verticals, surfaces and links, never on the
/// number of requests.
public struct RunAggregate: Sendable {
    /// Requests of one surface by outcome, per bucket, and their latency.
    public struct Surface: Sendable {
        public var name: String
        /// True when the edge fronts it (sessions are pinned).
        public var viaEdge: Bool
        public var ok: [Int]
        public var failed: [Int]
        public var unknown: [Int]
        /// Latency of ok requests per bucket.
        public var latency: [LatencyBins]
        public var total: Int { ok.reduce(0, +) + failed.reduce(0, +) + unknown.reduce(0, +) }
        public var okTotal: Int { ok.reduce(0, +) }
        /// ok ÷ all, in %, nil without requests.
        public var availabilityPercent: Double? { total == 0 ? nil : Double(okTotal) * 100 / Double(total) }
    }

    /// One vertical's side: requests it answered, sessions pinned to it, the edge's view of it.
    public struct Vertical: Sendable {
        public var id: String
        /// Requests it answered below 500, and with a 5xx, per bucket.
        public var served: [Int]
        public var errors: [Int]
        /// Sessions whose `gb_vertical` cookie names it, at the end of each bucket.
        public var pinned: [Int]
        /// Intervals in which the edge considered it unhealthy.
        public var downIntervals: [(startUs: Int64, endUs: Int64)]
        /// Health-state changes, as marks.
        public var healthChanges: [(atUs: Int64, healthy: Bool)]
    }

    /// Sessions moved from one vertical to another in one bucket (failovers re-pin the session).
    public struct Failovers: Sendable, Equatable {
        /// Sessions moved from one vertical to another (`aws → scaleway`).
        public struct Move: Sendable, Equatable {
            public var name: String
            public var count: Int
        }

        public var bucket: Int
        public var firstUs: Int64
        public var count: Int
        /// Moves by direction, in first-seen order.
        public var moves: [Move]

        /// `12 failovers (aws → scaleway 12) from 2m01s`.
        public var summary: String {
            let detail = moves.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
            return "\(count) session\(count == 1 ? "" : "s") re-pinned (\(detail)) from \(Format.instant(us: firstUs))"
        }
    }

    /// One direction of replication, origin → peer.
    public struct Link: Sendable {
        public var origin: String
        public var peer: String
        /// Most events committed on the origin and not yet applied by the peer, per bucket.
        public var backlog: [Int64]
        /// Propagation of the commits made in each bucket (commit on origin → applied on peer).
        public var latency: [LatencyBins]
        /// Counts per ``PropagationBins`` bin: commits outside fault windows and inside them.
        public var histogram: [Int]
        public var histogramInFaults: [Int]
        /// All commits' propagation.
        public var overall: LatencyBins
        /// Commits never applied by the peer by the end of the run.
        public var unapplied: Int
        public var name: String { "\(origin) → \(peer)" }
    }

    /// One authentication step (`login`, `login-totp`, ...).
    public struct AuthMethod: Sendable {
        public var operation: String
        public var attempts: Int
        /// 2xx answers.
        public var accepted: Int
        /// 4xx answers (wrong or reused credential).
        public var refused: Int
        /// 5xx, connection failures, timeouts.
        public var failed: Int
        public var perBucket: [Int]
    }

    /// A consistency violation the trace recorded (`check.violation`).
    public struct Violation: Sendable, Equatable {
        public var check: String
        public var atUs: Int64
        public var event: TraceEvent
    }

    public var buckets: TimeBuckets
    public var surfaces: [Surface]
    public var verticals: [Vertical]
    public var links: [Link]
    public var failovers: [Failovers]
    public var auth: [AuthMethod]
    /// First violation of each check, in the order first seen.
    public var firstViolations: [Violation]
    /// Violations per check and bucket.
    public var violationCounts: [(check: String, perBucket: [Int])]
    public var healUs: Int64?
    public var endUs: Int64
    public var eventCount: Int
    /// True when the trace carried `sync.commit` events (backlog and propagation per link).
    public var hasCommitEvents: Bool

    /// Total failovers seen (sessions re-pinned).
    public var failoverTotal: Int { failovers.reduce(0) { $0 + $1.count } }
}
