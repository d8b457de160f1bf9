import Foundation
import Verticals

/// What the live mode counts while it serves: requests by surface and outcome, failovers, sync
/// messages per link, propagation delays measured at apply time, and every problem (a storage
/// error, an impossible acknowledgement). Shared by every component; thread-safe.
final class LiveStats: Sendable {
    /// Most propagation samples kept per link (the oldest are dropped first).
    static let maxSamplesPerLink = 100_000
    /// Most failovers and problems kept for display (all are counted).
    static let maxRecent = 50

    /// How a request ended, as its client saw it.
    enum Outcome: String, Sendable, CaseIterable {
        /// An answer below 500.
        case ok
        /// A 5xx answer.
        case failed
        /// No answer: the connection was refused or timed out.
        case refused
    }

    /// One failover the edge made: the pinned vertical failed, the session moved.
    struct Failover: Sendable {
        var unixMs: Int64
        var from: String
        var to: String
        var reason: String
        var path: String
    }

    /// One link's sync counters.
    struct LinkCounters: Sendable {
        var sent = 0
        var lost = 0
        var timeouts = 0
        var applied = 0
        var rejected: [String: Int] = [:]
        var propagationUs: [Int64] = []
    }

    struct State: Sendable {
        var requests: [String: [Outcome: Int]] = [:]
        var servedBy: [String: Int] = [:]
        var failovers: [Failover] = []
        var failoverCount = 0
        var links: [String: LinkCounters] = [:]
        var problems: [String] = []
        var problemCount = 0
    }

    private let state = LockedBox(State())

    /// Counts a request on `surface` (`edge` or a vertical's id) that ended with `outcome`.
    func request(surface: String, outcome: Outcome) {
        state.withLock { $0.requests[surface, default: [:]][outcome, default: 0] += 1 }
    }

    /// Counts a request a vertical served (directly or through the edge).
    func served(by vertical: String) {
        state.withLock { $0.servedBy[vertical, default: 0] += 1 }
    }

    /// Records an edge failover.
    func failover(_ failover: Failover) {
        state.withLock {
            $0.failoverCount += 1
            $0.failovers.append(failover)
            if $0.failovers.count > Self.maxRecent { $0.failovers.removeFirst() }
        }
    }

    /// Records a problem that must not pass silently.
    func problem(_ message: String) {
        state.withLock {
            $0.problemCount += 1
            $0.problems.append(message)
            if $0.problems.count > Self.maxRecent { $0.problems.removeFirst() }
        }
    }

    /// The directed link key `from>to`.
    static func linkKey(_ from: String, _ to: String) -> String { "\(from)>\(to)" }

    func syncSent(from: String, to: String) {
        state.withLock { $0.links[Self.linkKey(from, to), default: LinkCounters()].sent += 1 }
    }

    func syncLost(from: String, to: String) {
        state.withLock { $0.links[Self.linkKey(from, to), default: LinkCounters()].lost += 1 }
    }

    func syncTimeout(from: String, to: String) {
        state.withLock { $0.links[Self.linkKey(from, to), default: LinkCounters()].timeouts += 1 }
    }

    /// Counts an envelope `to` received from `from`: its rejection, or the propagation delay of
    /// each event it newly applied (apply time minus the origin's commit time, one wall clock).
    func syncReceived(from: String, to: String, rejection: SyncRejection?, propagationUs: [Int64]) {
        state.withLock {
            let key = Self.linkKey(from, to)
            var link = $0.links[key, default: LinkCounters()]
            if let rejection { link.rejected[rejection.rawValue, default: 0] += 1 }
            link.applied += propagationUs.count
            link.propagationUs.append(contentsOf: propagationUs)
            if link.propagationUs.count > Self.maxSamplesPerLink {
                link.propagationUs.removeFirst(link.propagationUs.count - Self.maxSamplesPerLink)
            }
            $0.links[key] = link
        }
    }

    /// A copy of everything counted so far.
    func snapshot() -> State {
        state.withLock { $0 }
    }

    /// The `q`-quantile (0...1) of `samples`, nil when there are none.
    static func quantile(_ samples: [Int64], _ q: Double) -> Int64? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * q).rounded(.up)) - 1))
        return sorted[index]
    }
}
