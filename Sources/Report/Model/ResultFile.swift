import Foundation

/// The parts of `result.json` the report shows. Fields added to the result later are ignored;
/// metrics are optional so an older result still draws.
public struct ResultFile: Decodable, Sendable {
    public struct Check: Decodable, Sendable {
        public var name: String
        public var expected: String
        public var observed: String
        public var pass: Bool
        public var detail: String?
    }

    public struct Fault: Decodable, Sendable {
        public var kind: String
        public var target: String
        public var atMs: Int64
        public var forMs: Int64
        public var affectedRequests: Int
        public var affectedMessages: Int

        enum CodingKeys: String, CodingKey {
            case kind, target
            case atMs = "at_ms"
            case forMs = "for_ms"
            case affectedRequests = "affected_requests"
            case affectedMessages = "affected_messages"
        }
    }

    public struct Propagation: Decodable, Sendable {
        public var p50: Double?
        public var p99: Double?
        public var max: Double?
        public var samples: Int?
    }

    /// The edge's `failover_latency_ms`, `fault_to_repin_ms` and health-check `probes`.
    public struct Edge: Decodable, Sendable {
        public struct Probes: Decodable, Sendable {
            public var sent: Int
            public var failed: Int
        }

        public var failoverLatencyMs: Propagation?
        public var faultToRepinMs: Propagation?
        public var probes: Probes?

        enum CodingKeys: String, CodingKey {
            case failoverLatencyMs = "failover_latency_ms"
            case faultToRepinMs = "fault_to_repin_ms"
            case probes
        }
    }

    public struct Metrics: Decodable, Sendable {
        public var edge: Edge?
        public var propagationMs: Propagation?
        public var lostWrites: Int?
        public var failovers: Int?
        public var syncLoops: Int?
        public var forgedAccepted: Int?
        public var singleUseViolations: Int?
        public var duplicateAccounts: Int?
        public var staleAuthAccepts: Int?
        public var staleCounterAccepts: Int?
        public var converged: Bool?
        public var convergenceMs: Double?

        enum CodingKeys: String, CodingKey {
            case propagationMs = "propagation_ms"
            case lostWrites = "lost_writes"
            case failovers, edge
            case syncLoops = "sync_loops"
            case forgedAccepted = "forged_accepted"
            case singleUseViolations = "single_use_violations"
            case duplicateAccounts = "duplicate_accounts"
            case staleAuthAccepts = "stale_auth_accepts"
            case staleCounterAccepts = "stale_counter_accepts"
            case converged
            case convergenceMs = "convergence_ms"
        }
    }

    public var scenario: String
    public var seed: UInt64
    public var pass: Bool
    public var virtualMs: Int64
    public var wallMs: Int64?
    public var requests: Int
    public var events: Int
    public var checks: [Check]
    public var metrics: Metrics?
    public var faults: [Fault]
    public var ablations: [String]?
    public var traceSHA256: String?

    enum CodingKeys: String, CodingKey {
        case scenario, seed, pass, requests, events, checks, metrics, faults, ablations
        case virtualMs = "virtual_ms"
        case wallMs = "wall_ms"
        case traceSHA256 = "trace_sha256"
    }

    /// Reads `result.json` at `url`.
    public static func load(_ url: URL) throws -> ResultFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReportError.unreadable(
                url.path, "cannot read the run's result (expected result.json in the run folder)")
        }
        do {
            return try JSONDecoder().decode(ResultFile.self, from: data)
        } catch {
            throw ReportError.malformedResult(url.path, "not a simctl result: \(error)")
        }
    }

    /// The faults as numbered windows.
    public var faultWindows: [FaultWindow] {
        faults.enumerated().map { index, fault in
            FaultWindow(
                number: index + 1, kind: fault.kind, target: fault.target, startUs: fault.atMs * 1000,
                endUs: (fault.atMs + fault.forMs) * 1000, affectedRequests: fault.affectedRequests,
                affectedMessages: fault.affectedMessages)
        }
    }
}
