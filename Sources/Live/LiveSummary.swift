import Foundation
import Sim
import Verticals

/// What `simctl serve` prints when it stops: requests by surface and outcome, what each vertical
/// served, failovers, sync per link with the propagation delays measured live, and every problem.
public struct LiveSummary: Sendable {
    let stats: LiveStats.State
    /// How long the topology served.
    public let durationUs: Int64
    let ready: ReadyInfo
    /// Faults still in force at the stop, lifted for the heal.
    public let liftedFaults: Int
    /// Whether sync drained before the states were compared.
    public let drained: Bool
    /// Each vertical's state digest, in topology order.
    let digests: [(id: String, digest: StateDigest)]
    /// `--load`'s arrivals, what was shed, and outcomes by operation (nil without a load).
    let load: (arrivals: Int, shed: Int, byOperation: [String: [LiveStats.Outcome: Int]])?

    /// Whether every vertical's replicated state is identical.
    public var converged: Bool {
        guard let first = digests.first else { return false }
        return digests.count == ready.verticals.count
            && digests.allSatisfy { $0.digest.sha256Hex == first.digest.sha256Hex }
    }

    /// Every row and object on which the verticals differ (``StateDifference``), as
    /// `simctl audit` lists them.
    public var differences: [StateDifference] {
        StateDifference.between(digests.map { ($0.id, $0.digest) })
    }

    /// At most this many differences are printed in the summary; `simctl audit DIR` lists all.
    static let printedDifferencesMax = 20

    /// Requests on `surface` that ended with `outcome` (`ok`, `failed`, `refused`).
    public func requests(surface: String, outcome: String) -> Int {
        guard let outcome = LiveStats.Outcome(rawValue: outcome) else { return 0 }
        return stats.requests[surface]?[outcome] ?? 0
    }

    /// Failovers the edge made.
    public var failovers: Int { stats.failoverCount }
    /// Problems met (storage errors and the like); each is also in the lines.
    public var problems: Int { stats.problemCount }

    /// Propagation delay quantile `q` on the link `from>to`, microseconds.
    public func propagationUs(from: String, to: String, quantile q: Double) -> Int64? {
        stats.links[LiveStats.linkKey(from, to)].flatMap { LiveStats.quantile($0.propagationUs, q) }
    }

    /// The summary as text lines.
    public func lines() -> [String] {
        let total = stats.requests.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        let perSecond = durationUs > 0 ? Double(total) * 1_000_000 / Double(durationUs) : 0
        var lines = [
            "served for \(Self.seconds(durationUs)): \(total) requests, \(String(format: "%.1f", perSecond))/s"
        ]
        lines.append("requests by surface:")
        let surfaces = (ready.edge == nil ? [] : ["edge"]) + ready.verticals.map(\.id)
        for surface in surfaces {
            let counts = stats.requests[surface] ?? [:]
            let parts = LiveStats.Outcome.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }
            lines.append(
                "  \(surface.padding(toLength: 10, withPad: " ", startingAt: 0)) \(parts.joined(separator: ", "))")
        }
        let served = ready.verticals.map { "\($0.id) \(stats.servedBy[$0.id] ?? 0)" }
        lines.append("served by vertical: \(served.joined(separator: ", "))")
        if let load {
            lines.append(
                "load: \(load.arrivals) arrivals, \(load.shed) shed (more than \(LoadGenerator.maxInFlight) in flight)")
            for operation in load.byOperation.keys.sorted() {
                let counts = load.byOperation[operation] ?? [:]
                let parts = LiveStats.Outcome.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }
                lines.append(
                    "  \(operation.padding(toLength: 10, withPad: " ", startingAt: 0)) \(parts.joined(separator: ", "))"
                )
            }
        }
        lines.append("failovers: \(stats.failoverCount)")
        for failover in stats.failovers.suffix(5) {
            lines.append("  \(failover.from) -> \(failover.to) (\(failover.reason)) on \(failover.path)")
        }
        lines.append("sync by link:")
        for key in stats.links.keys.sorted() {
            guard let link = stats.links[key] else { continue }
            var text =
                "  \(key.replacingOccurrences(of: ">", with: " -> ")): \(link.sent) sent, \(link.applied) events applied, \(link.lost) lost, \(link.timeouts) timeouts"
            let rejected = link.rejected.keys.sorted().map { "\($0) \(link.rejected[$0] ?? 0)" }
            if !rejected.isEmpty { text += ", rejected: \(rejected.joined(separator: ", "))" }
            if let p50 = LiveStats.quantile(link.propagationUs, 0.5),
                let p99 = LiveStats.quantile(link.propagationUs, 0.99)
            {
                text += "; propagation p50 \(Self.ms(p50)), p99 \(Self.ms(p99))"
            }
            lines.append(text)
        }
        lines.append(contentsOf: stateLines())
        lines.append("problems: \(stats.problemCount)")
        for problem in stats.problems.suffix(10) { lines.append("  \(problem)") }
        return lines
    }

    /// The heal and the comparison of the verticals' states.
    func stateLines() -> [String] {
        var lines: [String] = []
        if liftedFaults > 0 { lines.append("lifted \(liftedFaults) fault(s) still in force, to let sync drain") }
        lines.append(drained ? "sync drained" : "sync did not drain within \(Self.seconds(LiveCluster.drainTimeoutUs))")
        guard !digests.isEmpty else { return lines + ["state: not compared"] }
        let differences = differences
        lines.append(
            differences.isEmpty && converged
                ? "state: \(digests.map(\.id).joined(separator: " = ")) (the state digests of simctl audit: every replicated table and bucket object)"
                : "state: DIFFERENT (simctl audit \(ready.data) lists every difference)")
        lines.append(
            contentsOf: FolderAudit.comparisonLines(
                digests.map { FolderAudit.VerticalDigest(vertical: $0.id, digest: $0.digest) },
                differences: differences, limit: Self.printedDifferencesMax))
        if digests.count < ready.verticals.count {
            lines.append("  \(ready.verticals.count - digests.count) vertical(s) could not be read (see problems)")
        }
        return lines
    }

    static func ms(_ us: Int64) -> String { String(format: "%.1f ms", Double(us) / 1000) }
    static func seconds(_ us: Int64) -> String { String(format: "%.1f s", Double(us) / 1_000_000) }
}
