import Mechanisms
import TestSupport
import Testing

@testable import Edge

/// Runs `body` outside `#expect`, whose expansion cannot call mutating methods.
func mutate<T>(_ body: () -> T) -> T { body() }

@Suite("Edge router")
struct EdgeRouterTests {
    func router(_ targets: [String] = ["aws", "scaleway"]) -> EdgeRouter {
        EdgeRouter(name: "fastly", targets: targets, window: 5, threshold: 3, initial: 4)
    }

    @Test(arguments: [["aws", "scaleway"], ["aws", "scaleway", "fly"]])
    func freshSessionsSplitEvenlyAcrossTargets(targets: [String]) {
        var edge = router(targets)
        var draws = SplitMixDraws(state: 42)
        var counts: [String: Int] = [:]
        for _ in 0..<10_000 {
            guard case .forward(let vertical, let cookie) = edge.route(cookieHeader: nil, draw: draws.next()) else {
                Issue.record("no route"); return
            }
            #expect(cookie != nil)
            counts[vertical, default: 0] += 1
        }
        let share = 1.0 / Double(targets.count)
        for target in targets {
            #expect(abs(Double(counts[target] ?? 0) / 10_000 - share) <= 0.02, "\(target): \(counts[target] ?? 0)")
        }
    }

    @Test func theCookieCarriesTheRequiredAttributes() {
        let cookie = router().setCookie("aws")
        #expect(cookie.hasPrefix("gb_vertical=aws;"))
        for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Max-Age=86400", "Path=/"] {
            #expect(cookie.contains(attribute))
        }
    }

    @Test func aPinnedSessionStaysWhereItIs() {
        var edge = router()
        for _ in 0..<100 {
            #expect(
                mutate { edge.route(cookieHeader: "theme=dark; gb_vertical=scaleway", draw: 0) }
                    == .forward(vertical: "scaleway", setCookie: nil))
        }
        #expect(edge.newPins == 0)
    }

    @Test(arguments: [400, 401, 404, 409, 413, 429])
    func a4xxNeverMovesThePin(status: Int) {
        var edge = router()
        #expect(mutate { edge.afterResponse(from: "aws", status: status, connectFailed: false, draw: 7) } == .deliver)
        #expect(edge.failovers == 0)
    }

    @Test(arguments: [500, 502, 503, 504])
    func a5xxMovesThePinOnceToAHealthyPeer(status: Int) {
        var edge = router(["aws", "scaleway", "fly"])
        for _ in 0..<5 { edge.recordProbe("fly", passed: false) }
        let decision = edge.afterResponse(from: "aws", status: status, connectFailed: false, draw: 0)
        #expect(decision == .retry(vertical: "scaleway", setCookie: edge.setCookie("scaleway")), "fly is unhealthy")
        #expect(edge.failovers == 1)
    }

    @Test func aConnectFailureMovesThePinToo() {
        var edge = router()
        #expect(
            mutate { edge.afterResponse(from: "scaleway", status: nil, connectFailed: true, draw: 0) }
                == .retry(vertical: "aws", setCookie: edge.setCookie("aws")))
    }

    @Test func unhealthyTargetsGetNoNewPinsAndNoneHealthyIs503() {
        var edge = router()
        for _ in 0..<5 { edge.recordProbe("aws", passed: false) }
        var draws = SplitMixDraws(state: 1)
        for _ in 0..<200 {
            #expect(
                mutate { edge.route(cookieHeader: nil, draw: draws.next()) }
                    == .forward(vertical: "scaleway", setCookie: edge.setCookie("scaleway")))
        }
        for _ in 0..<5 { edge.recordProbe("scaleway", passed: false) }
        #expect(mutate { edge.route(cookieHeader: nil, draw: 3) } == .unavailable)
        #expect(
            mutate { edge.afterResponse(from: "aws", status: 503, connectFailed: false, draw: 0) } == .deliver,
            "no healthy peer to fail over to")
    }
}

@Suite("Health checks")
struct HealthCheckTests {
    @Test func initialPassesDecideTheStartingState() {
        #expect(HealthCheck(window: 5, threshold: 3, initial: 4).isHealthy)
        #expect(!HealthCheck(window: 5, threshold: 3, initial: 2).isHealthy)
    }

    /// Window 5, threshold 3, initial 4: the window starts [F,T,T,T,T] and each probe replaces
    /// the oldest result, so the third failure takes it down and the third pass after that
    /// (the one that pushes out the first failure) brings it back.
    @Test func goesDownAfterEnoughFailuresAndBackUpAfterThresholdPasses() {
        var check = HealthCheck(window: 5, threshold: 3, initial: 4)
        let flips = [false, false, false, true, true, true].map { passed in check.record(passed: passed) }
        #expect(flips == [false, false, true, false, false, true])
        #expect(check.isHealthy)
        #expect(check.passes == 3)
    }
}

@Suite("DNS and registrars")
struct DNSTests {
    func directory() -> DomainDirectory {
        DomainDirectory(records: [
            DomainRecord(name: "glassbreak.io", registrar: "registrar-a", target: .edge("fastly"), ttlUs: 60_000_000),
            DomainRecord(
                name: "glassbreak.cloud", registrar: "registrar-b", target: .vertical("aws"), ttlUs: 300_000_000),
            DomainRecord(
                name: "glass-break.com", registrar: "registrar-c", target: .vertical("scaleway"), ttlUs: 300_000_000),
        ])
    }

    @Test func aSuspendedRegistrarStopsResolvingOnlyOnceTheCacheExpires() {
        var authority = directory()
        var cache = ResolverCache()
        #expect(mutate { cache.resolve("glassbreak.io", nowUs: 0, directory: authority) }?.target == .edge("fastly"))
        authority.setSuspended("registrar-a", true)
        #expect(
            mutate { cache.resolve("glassbreak.io", nowUs: 59_000_000, directory: authority) } != nil, "cached answer")
        #expect(
            mutate { cache.resolve("glassbreak.io", nowUs: 60_000_001, directory: authority) } == nil,
            "expired: NXDOMAIN")
        #expect(
            mutate { cache.resolve("glassbreak.cloud", nowUs: 60_000_001, directory: authority) }?.target
                == .vertical("aws"))
        #expect(
            mutate { cache.resolve("glass-break.com", nowUs: 60_000_001, directory: authority) }?.target
                == .vertical("scaleway"))
    }

    @Test func aBadPushBlackholesForItsDurationPlusTheTTL() {
        var authority = directory()
        var cache = ResolverCache()
        authority.setMisconfigured("glass-break.com", true)
        #expect(mutate { cache.resolve("glass-break.com", nowUs: 0, directory: authority) }?.target == .blackhole)
        authority.setMisconfigured("glass-break.com", false)
        #expect(
            mutate { cache.resolve("glass-break.com", nowUs: 299_000_000, directory: authority) }?.target == .blackhole,
            "the bad answer is cached for its TTL")
        #expect(
            mutate { cache.resolve("glass-break.com", nowUs: 300_000_001, directory: authority) }?.target
                == .vertical("scaleway"))
    }
}

/// The edge's three mechanisms, each removed through the option set.
@Suite("Edge mechanisms")
struct EdgeMechanismTests {
    func router(_ disabled: DisabledMechanisms) -> EdgeRouter {
        EdgeRouter(
            name: "fastly", targets: ["aws", "scaleway"], window: 5, threshold: 3, initial: 4, disabled: disabled)
    }

    @Test func withoutTheStickyCookieEveryRequestIsANewPick() {
        var edge = router([.stickyCookie])
        var draws = SplitMixDraws(state: 7)
        var seen: Set<String> = []
        for _ in 0..<50 {
            guard
                case .forward(let vertical, let cookie) = edge.route(
                    cookieHeader: "gb_vertical=aws", draw: draws.next())
            else { Issue.record("no route"); return }
            #expect(cookie == nil, "no pin is set")
            seen.insert(vertical)
        }
        #expect(seen == ["aws", "scaleway"], "the cookie is ignored")
        var sticky = router(.none)
        #expect(
            mutate { sticky.route(cookieHeader: "gb_vertical=aws", draw: 0) }
                == .forward(vertical: "aws", setCookie: nil))
    }

    @Test func withoutFailoverRetryThe5xxIsDelivered() {
        var edge = router([.failoverRetry])
        #expect(mutate { edge.afterResponse(from: "aws", status: 503, connectFailed: false, draw: 0) } == .deliver)
        var healthy = router(.none)
        #expect(mutate { healthy.afterResponse(from: "aws", status: 503, connectFailed: false, draw: 0) } != .deliver)
    }

    @Test func withoutHealthChecksTheEdgeDoesNotProbe() {
        #expect(router(.none).probesTargets)
        #expect(!router([.healthChecks]).probesTargets)
    }
}
