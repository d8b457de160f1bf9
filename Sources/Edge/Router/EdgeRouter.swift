import Foundation
import Mechanisms

/// The edge in front of the routing domain (Fastly in production): pins each session to a vertical
/// with the `gb_vertical` cookie, breaks the pin only on a 5xx or a connect failure, and keeps
/// unhealthy verticals out of new pins through background health checks.
///
/// Randomness is handed in as a draw (`UInt64`) so the router stays sans-I/O and deterministic.
///
/// ```swift
/// var edge = EdgeRouter(name: "fastly", targets: ["aws", "scaleway"], window: 5, threshold: 3, initial: 4)
/// if case .forward(let vertical, let cookie) = edge.route(cookieHeader: nil, draw: rng.next()) { ... }
/// ```
public struct EdgeRouter: Sendable {
    /// The cookie that pins a session.
    public static let cookieName = "gb_vertical"
    private static let cookiePrefix = cookieName + "="
    /// Cookie lifetime.
    public let cookieMaxAgeSeconds: Int
    /// Whether the `gb_vertical` cookie carries `Secure`. Always in production (the edge speaks
    /// HTTPS); the live mode (`simctl serve`) serves plain HTTP on loopback, where a browser would
    /// never send a `Secure` cookie back over `http://127.0.0.1`, so it drops the attribute there.
    public let secureCookie: Bool
    public let name: String
    public let targets: [String]
    /// The mechanisms removed from this edge (ablations): `sticky-cookie`, `failover-retry`,
    /// `health-checks`; empty in production.
    public let disabled: DisabledMechanisms
    private var health: [HealthCheck]
    /// Counters.
    public private(set) var newPins = 0
    public private(set) var failovers = 0
    public private(set) var rejectedUnavailable = 0

    public init(
        name: String, targets: [String], window: Int, threshold: Int, initial: Int,
        cookieMaxAgeSeconds: Int = 86_400, secureCookie: Bool = true, disabled: DisabledMechanisms = .none
    ) {
        precondition(!targets.isEmpty, "an edge needs at least one target")
        self.secureCookie = secureCookie
        self.disabled = disabled
        self.name = name
        self.targets = targets
        self.cookieMaxAgeSeconds = cookieMaxAgeSeconds
        health = targets.map { _ in HealthCheck(window: window, threshold: threshold, initial: initial) }
    }

    /// Whether `vertical` is in service.
    public func isHealthy(_ vertical: String) -> Bool {
        targets.firstIndex(of: vertical).map { health[$0].isHealthy } ?? false
    }

    /// The healthy targets, in topology order.
    public var healthyTargets: [String] { targets.indices.filter { health[$0].isHealthy }.map { targets[$0] } }

    /// Whether the edge probes its targets in the background. The one place the `health-checks`
    /// mechanism lives: without it no probe is ever sent, every target stays in service, and only
    /// failing requests move sessions.
    public var probesTargets: Bool { !disabled.removes(.healthChecks) }

    /// Records one health probe of `vertical`; returns whether its state changed.
    @discardableResult
    public mutating func recordProbe(_ vertical: String, passed: Bool) -> Bool {
        guard let index = targets.firstIndex(of: vertical) else { preconditionFailure("unknown target \(vertical)") }
        return health[index].record(passed: passed)
    }

    /// The `Set-Cookie` value pinning a session to `vertical`.
    public func setCookie(_ vertical: String) -> String {
        "\(Self.cookieName)=\(vertical); Path=/; Max-Age=\(cookieMaxAgeSeconds);\(secureCookie ? " Secure;" : "") HttpOnly; SameSite=Lax"
    }

    /// The pinned vertical named by a `Cookie` header, if it names one of the targets.
    public func pinnedVertical(cookieHeader: String?) -> String? {
        pinnedVertical(pin: Self.pin(cookieHeader: cookieHeader))
    }

    /// The vertical a session's pin names, if it names one of the targets.
    public func pinnedVertical(pin: String?) -> String? {
        guard let pin, !pin.isEmpty, targets.contains(pin) else { return nil }
        return pin
    }

    /// The value of the `gb_vertical` cookie in a `Cookie` header (the first that has a value),
    /// trimmed; nil when the header carries none. The one parse of the header: the live edge reads
    /// it from the HTTP request, the simulated browser hands the same value over as it is.
    public static func pin(cookieHeader: String?) -> String? {
        guard let cookieHeader else { return nil }
        // Fast path: the one cookie a browser sends here, `gb_vertical=VALUE` in plain ASCII
        // without separators or blanks: the same answer as the general parse below, without
        // Foundation's trimming on every request.
        if cookieHeader.utf8.starts(with: cookiePrefix.utf8),
            cookieHeader.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: ";") && $0 > 0x20 })
        {
            let value = String(cookieHeader.dropFirst(cookiePrefix.count))
            return value.isEmpty ? nil : value
        }
        for part in cookieHeader.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == cookieName {
                return pair[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Routes a request that carries a `Cookie` header (the live edge, the benchmarks): the
    /// header's pin (``pin(cookieHeader:)``) routed by ``route(pin:draw:)``.
    public mutating func route(cookieHeader: String?, draw: UInt64) -> EdgeDecision {
        route(pin: Self.pin(cookieHeader: cookieHeader), draw: draw)
    }

    /// Routes a request whose `gb_vertical` cookie holds `pin` (nil: none). A pinned session stays
    /// on its vertical whatever its health (the pin is broken only by an answer, see
    /// ``afterResponse(from:status:connectFailed:draw:)``); a new session, or one pinned to no
    /// target, is pinned by a uniform draw among healthy targets.
    public mutating func route(pin: String?, draw: UInt64) -> EdgeDecision {
        // The one place the `sticky-cookie` mechanism lives: without it the cookie is neither read
        // nor set, and every request is a new pick.
        let sticky = !disabled.removes(.stickyCookie)
        if sticky, let pinned = pinnedVertical(pin: pin) {
            return .forward(vertical: pinned, setCookie: nil)
        }
        let healthy = healthyTargets
        guard !healthy.isEmpty else {
            rejectedUnavailable += 1
            return .unavailable
        }
        let vertical = healthy[Self.index(draw, count: healthy.count)]
        newPins += 1
        return .forward(vertical: vertical, setCookie: sticky ? setCookie(vertical) : nil)
    }

    /// Decides on `vertical`'s answer: a 5xx or a connect failure moves the session to a healthy
    /// peer (once); anything else, a 4xx included, is delivered and the pin stays.
    public mutating func afterResponse(from vertical: String, status: Int?, connectFailed: Bool, draw: UInt64)
        -> EdgeRetry
    {
        let failed = connectFailed || (status.map { $0 >= 500 } ?? true)
        // The one place the `failover-retry` mechanism lives: without it the 5xx goes to the client.
        guard failed, !disabled.removes(.failoverRetry) else { return .deliver }
        let peers = healthyTargets.filter { $0 != vertical }
        guard !peers.isEmpty else { return .deliver }
        let peer = peers[Self.index(draw, count: peers.count)]
        failovers += 1
        return .retry(vertical: peer, setCookie: setCookie(peer))
    }

    /// Maps a 64-bit draw onto `0..<count` (multiply-shift; bias below 2^-60 for small counts).
    static func index(_ draw: UInt64, count: Int) -> Int {
        Int(draw.multipliedFullWidth(by: UInt64(count)).high)
    }
}
