import Edge

/// The edge as the simulator holds it: the sans-I/O ``EdgeRouter`` plus its fault state.
final class EdgeNode {
    var router: EdgeRouter
    /// The edge is unreachable (edge outage).
    var down = false
    /// Fraction of requests the edge itself fails (edge error).
    var errorRate = 0.0
    /// Requests the edge still fails before recovering (edge error with `count`).
    var errorCount = 0
    var errorRandom: Xoshiro256

    init(router: EdgeRouter, random: SimRandom) {
        self.router = router
        errorRandom = random.stream("fault.edge-error.\(router.name)")
    }

    /// Whether the edge fails this request itself (draws once per request).
    func drawsError() -> Bool {
        let draw = errorRandom.unitDouble()
        if errorCount > 0 {
            errorCount -= 1
            return true
        }
        return draw < errorRate
    }
}
