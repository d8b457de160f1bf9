import Edge

/// The hop through the simulated edge: the edge's own faults, the router's decision from the
/// session pin the request's cookies carry (forward to the pinned vertical, or pin a new session), the
/// forwarding over ``VerticalHop``, and the one retry on a healthy peer after a 5xx or a failed
/// connection (a failover, attributed to the fault active on the vertical that failed).
final class EdgeHop {
    /// The edge answered by itself, without reaching a vertical.
    struct Refusal {
        let afterUs: Int64
        let status: Int?
        let reason: String
    }

    let edge: EdgeNode
    let nodes: [VerticalNode]
    let queue: EventQueue
    let faults: FaultBoard
    let events: WorldEventStream
    let latency: ClientLatency
    let verticals: VerticalHop
    private var random: Xoshiro256

    init(edge: EdgeNode, nodes: [VerticalNode], path: RequestPath, verticals: VerticalHop, random: SimRandom) {
        self.edge = edge
        self.nodes = nodes
        queue = path.queue
        faults = path.faults
        events = path.events
        latency = path.latency
        self.verticals = verticals
        self.random = random.stream("edge.pick")
    }

    /// Routes `flight`, whose `gb_vertical` cookie holds `pin` (nil: none). Returns the edge's own refusal, or nil when
    /// the request went on to a vertical; then `delivered` runs once the edge has the answer it
    /// passes back to the client (after a failover, the peer's).
    func forward(
        _ flight: ClientFlight, pin: String?,
        delivered: @escaping (ClientFlight, VerticalReply) -> Void
    ) -> Refusal? {
        let target = FaultTarget.edge(edge.router.name)
        if edge.down {
            faults.attributeRequest(target, kinds: [.edgeOutage])
            return Refusal(afterUs: ClientFabric.connectTimeoutUs, status: nil, reason: "edge-unreachable")
        }
        if edge.drawsError() {
            faults.attributeRequest(target, kinds: [.edgeError])
            return Refusal(afterUs: 2 * latency.drawUs(), status: 503, reason: "edge-error")
        }
        switch edge.router.route(pin: pin, draw: random.next()) {
        case .unavailable:
            return Refusal(afterUs: 2 * latency.drawUs(), status: 503, reason: "no-healthy-target")
        case .forward(let vertical, let setCookie):
            if setCookie != nil { events.emit(.pinned(flight.session, vertical: vertical)) }
            var routed = flight
            routed.setCookie = setCookie
            send(routed, to: vertical, afterUs: latency.drawUs() + latency.drawUs(), delivered: delivered)
            return nil
        }
    }

    private func send(
        _ flight: ClientFlight, to vertical: String, afterUs: Int64,
        delivered: @escaping (ClientFlight, VerticalReply) -> Void
    ) {
        verticals.send(flight, to: nodes.node(vertical), afterUs: afterUs) { [self] reply in
            answered(flight, reply, delivered: delivered)
        }
    }

    /// The vertical's answer reached the edge: a 5xx or a connect failure is retried once on a
    /// healthy peer; anything else goes back to the client.
    private func answered(
        _ flight: ClientFlight, _ reply: VerticalReply, delivered: @escaping (ClientFlight, VerticalReply) -> Void
    ) {
        if let failedAtUs = flight.failedAtEdgeUs {
            events.emit(.failoverAnswered(latencyUs: queue.nowUs - failedAtUs))
        }
        if !flight.retried {
            let decision = edge.router.afterResponse(
                from: reply.node.id, status: reply.status, connectFailed: reply.status == nil, draw: random.next())
            if case .retry(let peer, let cookie) = decision {
                events.emit(
                    .failedOver(
                        flight.session, from: reply.node.id, faultStartUs: faults.activeSince(.vertical(reply.node.id)))
                )
                var retry = flight
                retry.retried = true
                retry.failedAtEdgeUs = queue.nowUs
                retry.setCookie = cookie
                send(retry, to: peer, afterUs: latency.drawUs(), delivered: delivered)
                return
            }
        }
        delivered(flight, reply)
    }
}
