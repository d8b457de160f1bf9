import Foundation

/// What `simctl serve` prints when it stops: requests by surface and outcome, what each vertical
/// served, failovers, sync per link with the propagation delays measured live, and every problem.
public struct LiveSummary: Sendable {
    let stats: LiveStats.State
    /// How long the topology served.
    public let durationUs: Int64
    let ready: ReadyInfo

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
        var lines = ["served for \(Self.seconds(durationUs))"]
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
        lines.append("problems: \(stats.problemCount)")
        for problem in stats.problems.suffix(10) { lines.append("  \(problem)") }
        return lines
    }

    static func ms(_ us: Int64) -> String { String(format: "%.1f ms", Double(us) / 1000) }
    static func seconds(_ us: Int64) -> String { String(format: "%.1f s", Double(us) / 1_000_000) }
}
