import Edge
import Foundation

/// The edge's routing state in the live mode: the product's ``EdgeRouter`` (the same pinning,
/// failover and health-window code the simulator drives) owned by an actor, fed real probe
/// results and handed real random draws.
actor LiveEdge {
    private(set) var router: EdgeRouter

    init(router: EdgeRouter) {
        self.router = router
    }

    /// Where a request with `cookieHeader` goes.
    func route(cookieHeader: String?) -> EdgeDecision {
        router.route(cookieHeader: cookieHeader, draw: UInt64.random(in: .min ... .max))
    }

    /// What to do with `vertical`'s answer (`status` nil: no answer).
    func afterResponse(from vertical: String, status: Int?) -> EdgeRetry {
        router.afterResponse(
            from: vertical, status: status, connectFailed: status == nil, draw: UInt64.random(in: .min ... .max))
    }

    /// Records one health probe; returns whether the target's state changed.
    func recordProbe(_ vertical: String, passed: Bool) -> Bool {
        router.recordProbe(vertical, passed: passed)
    }

    /// Each target's health, in topology order.
    func health() -> [(vertical: String, healthy: Bool)] {
        router.targets.map { ($0, router.isHealthy($0)) }
    }
}
