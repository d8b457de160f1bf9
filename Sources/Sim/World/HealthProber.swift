import Edge
import Foundation
import HTTPTypes
import Verticals

/// The edge's health checks as Fastly runs them: every `interval`, for each target, a
/// `GET /api/public/status` travels over the simulated network to the vertical, is admitted by
/// its runtime and served by its API core like any request, and travels back. The probe passes
/// when the answer's status is the `expected` one and arrives within `timeout`; anything else (a
/// refused connection, a 5xx, a brownout, a late answer) fails it. Each result goes to the sans-I/O
/// ``EdgeRouter``, whose window and threshold decide whether the target stays in rotation.
///
/// Probes use their own random streams (`edge.probe.latency`, `fault.brownout.probe.ID`), so
/// turning health checks on or off never shifts the users' draws.
final class HealthProber {
    /// Counts per target, for the result's `edge.probes`.
    struct Counts {
        var sent = 0
        var failed = 0
        var timedOut = 0
    }

    let queue: EventQueue
    let nodes: [VerticalNode]
    let edge: EdgeNode
    let faults: FaultBoard
    let events: WorldEventStream
    let link: LinkSpec
    let check: HealthCheckSpec
    /// No probe starts at or after this time (the end of the chaos phase).
    let endUs: Int64
    private var latencyRandom: Xoshiro256
    private var brownoutRandom: [String: Xoshiro256] = [:]
    private(set) var counts: [String: Counts] = [:]
    private var nextProbe = 0

    init(
        queue: EventQueue, nodes: [VerticalNode], edge: EdgeNode, faults: FaultBoard, events: WorldEventStream,
        link: LinkSpec, check: HealthCheckSpec, endUs: Int64, random: SimRandom
    ) {
        self.queue = queue
        self.nodes = nodes
        self.edge = edge
        self.faults = faults
        self.events = events
        self.link = link
        self.check = check
        self.endUs = endUs
        latencyRandom = random.stream("edge.probe.latency")
        for node in nodes { brownoutRandom[node.id] = random.stream("fault.brownout.probe.\(node.id)") }
    }

    /// Schedules the first round of probes one interval in; each round schedules the next.
    func start() {
        guard edge.router.probesTargets else { return }
        queue.schedule(atUs: check.intervalUs) { [self] in round() }
    }

    private func round() {
        for target in edge.router.targets { probe(nodes.node(target)) }
        let next = queue.nowUs + check.intervalUs
        if next < endUs { queue.schedule(atUs: next) { [self] in round() } }
    }

    private func latency() -> Int64 { link.latencyUs + latencyRandom.jitter(link.jitterUs) }

    /// One probe of `node`: settled once, by the answer or by the timeout, whichever comes first.
    private func probe(_ node: VerticalNode) {
        nextProbe += 1
        counts[node.id, default: Counts()].sent += 1
        let issuedUs = queue.nowUs
        var settled = false
        let settle: (Int?, String?) -> Void = { [self] status, reason in
            guard !settled else { return }
            settled = true
            record(node, status: status, reason: reason, latencyUs: queue.nowUs - issuedUs)
        }
        queue.schedule(afterUs: check.timeoutUs) { settle(nil, "timeout") }
        let requestID = "probe-\(nextProbe)"
        let request = APIRequest(.get, "/api/public/status", authority: edge.router.name)
        queue.schedule(afterUs: latency()) { [self] in
            let target = FaultTarget.vertical(node.id)
            guard node.isReachable else {
                faults.attributeProbe(target, kinds: [.providerOutage, .crash])
                return answer(afterUs: latency(), status: nil, reason: "connect-refused", settle)
            }
            if node.computeDown {
                faults.attributeProbe(target, kinds: [.computeOutage])
                return answer(afterUs: latency(), status: 503, reason: "compute-outage", settle)
            }
            switch node.admit(request, nowUs: node.localTime(queue.nowUs), requestID: requestID) {
            case .refused(let served):
                faults.attributeProbe(target, kinds: [.controlPlaneOutage])
                answer(afterUs: served.serviceUs + latency(), status: served.response.status, reason: nil, settle)
            case .accepted(let admission):
                queue.schedule(afterUs: admission.startupUs) { [self] in
                    guard node.isReachable, !node.computeDown else {
                        faults.attributeProbe(target, kinds: [.providerOutage, .crash, .computeOutage])
                        return answer(afterUs: latency(), status: nil, reason: "connection-lost", settle)
                    }
                    let served = node.execute(
                        request, nowUs: node.localTime(queue.nowUs), requestID: requestID, admission: admission)
                    var status = served.response.status
                    var reason: String?
                    if status == 503 { faults.attributeProbe(target, kinds: [.databaseOutage]) }
                    if node.brownoutRate > 0, brownoutRandom[node.id]!.chance(node.brownoutRate) {
                        faults.attributeProbe(target, kinds: [.brownout])
                        (status, reason) = (503, "brownout")
                    }
                    answer(afterUs: served.serviceUs + latency(), status: status, reason: reason, settle)
                }
            }
        }
    }

    private func answer(afterUs: Int64, status: Int?, reason: String?, _ settle: @escaping (Int?, String?) -> Void) {
        queue.schedule(afterUs: afterUs) { settle(status, reason ?? (status == nil ? "no answer" : nil)) }
    }

    private func record(_ node: VerticalNode, status: Int?, reason: String?, latencyUs: Int64) {
        let passed = reason != "timeout" && status == check.expectedStatus
        if !passed {
            counts[node.id, default: Counts()].failed += 1
            if reason == "timeout" { counts[node.id, default: Counts()].timedOut += 1 }
            events.emit(
                .probeFailed(
                    target: node.id, status: status, reason: reason ?? "unexpected status", latencyUs: latencyUs))
        }
        if edge.router.recordProbe(node.id, passed: passed) {
            let healthy = edge.router.isHealthy(node.id)
            events.emit(.healthChanged(target: node.id, healthy: healthy))
        }
    }

    /// The result's `edge.probes`: totals and per target, in topology order.
    func json() -> JSONValue {
        let targets = edge.router.targets
        let total = targets.reduce(into: Counts()) { sum, target in
            let c = counts[target] ?? Counts()
            sum.sent += c.sent
            sum.failed += c.failed
            sum.timedOut += c.timedOut
        }
        func object(_ c: Counts) -> JSONValue {
            .object([("sent", .int(c.sent)), ("failed", .int(c.failed)), ("timed_out", .int(c.timedOut))])
        }
        return .object(
            [("sent", .int(total.sent)), ("failed", .int(total.failed)), ("timed_out", .int(total.timedOut))]
                + [("targets", .object(targets.map { ($0, object(counts[$0] ?? Counts())) }))])
    }

    /// Probes failed in all.
    var failedTotal: Int { edge.router.targets.reduce(0) { $0 + (counts[$1]?.failed ?? 0) } }
}
