import Edge
import Foundation
import HTTPTypes
import Verticals

/// The simulated users' side of the network: each user's browser (``UserAgent``: DNS cache and
/// cookie jar), the way a request takes (straight to a vertical over ``VerticalHop``, or through
/// the edge over ``EdgeHop``), and client timeouts. Every finished request is emitted as
/// ``WorldEvent/requestFinished(_:)`` before its completion runs.
final class ClientFabric {
    /// The client gives up after this long: the request's outcome is unknown.
    static let clientTimeoutUs: Int64 = 30 * VirtualTime.second
    /// A connection to a dead address is abandoned after this long.
    static let connectTimeoutUs: Int64 = 5 * VirtualTime.second

    let queue: EventQueue
    let nodes: [VerticalNode]
    var directory: DomainDirectory
    let faults: FaultBoard
    let events: WorldEventStream
    let latency: ClientLatency
    let verticals: VerticalHop
    let edgeHop: EdgeHop?
    /// Virtual time 0 as Unix seconds (for the browsers' `Expires` dates).
    let epochUnixSeconds: Int64
    private var agents: [String: UserAgent] = [:]
    private var nextRequestID = 0
    /// Called after a vertical committed a write (the sync fabric schedules a publish), with the
    /// vertical's index and the request's id.
    var onCommit: (Int, Int) -> Void {
        get { verticals.onCommit }
        set { verticals.onCommit = newValue }
    }

    init(
        path: RequestPath, nodes: [VerticalNode], edge: EdgeNode?, directory: DomainDirectory,
        epochUnixSeconds: Int64, random: SimRandom
    ) {
        queue = path.queue
        self.nodes = nodes
        self.directory = directory
        faults = path.faults
        events = path.events
        self.epochUnixSeconds = epochUnixSeconds
        latency = path.latency
        let verticals = VerticalHop(path: path)
        self.verticals = verticals
        edgeHop = edge.map { EdgeHop(edge: $0, nodes: nodes, path: path, verticals: verticals, random: random) }
    }

    /// The browser of `user`, created on its first request.
    func agent(_ user: String) -> UserAgent {
        if let existing = agents[user] { return existing }
        let created = UserAgent(epochUnixSeconds: epochUnixSeconds)
        agents[user] = created
        return created
    }

    /// Sends `call` now; `completion` runs when the client has its answer (or gives up).
    func send(_ call: ClientCall, completion: @escaping (ClientAnswer) -> Void) {
        nextRequestID += 1
        var call = call
        let agent = agent(call.user)
        if let pin = call.presetPin { agent.pin(call.surface, to: pin, nowUs: queue.nowUs) }
        if let token = call.token { call.request.bearerToken = token }
        let flight = ClientFlight(id: nextRequestID, call: call, issuedUs: queue.nowUs, completion: completion)
        guard let answer = agent.resolve(call.surface, nowUs: queue.nowUs, directory: directory) else {
            faults.attributeRequest(.domain(call.surface), kinds: [.registrarSuspension])
            return finish(flight, afterUs: latency.drawUs(), status: nil, reason: "dns-nxdomain")
        }
        switch answer.target {
        case .blackhole:
            faults.attributeRequest(.domain(call.surface), kinds: [.dnsMisconfiguration])
            finish(flight, afterUs: Self.connectTimeoutUs, status: nil, reason: "connect-timeout")
        case .vertical(let id):
            verticals.send(flight, to: nodes.node(id), afterUs: latency.drawUs()) { [self] reply in
                deliver(flight, reply)
            }
        case .edge:
            guard let edgeHop else { preconditionFailure("DNS points at an edge the topology lacks") }
            let pin = agent.sessionPin(call.surface, path: flight.path, nowUs: queue.nowUs)
            let refusal = edgeHop.forward(flight, pin: pin) { [self] routed, reply in
                deliver(routed, reply)
            }
            if let refusal { finish(flight, afterUs: refusal.afterUs, status: refusal.status, reason: refusal.reason) }
        }
    }

    /// The answer is back at the browser: it stores the edge's cookie and reads the answer.
    private func deliver(_ flight: ClientFlight, _ reply: VerticalReply) {
        if let cookie = flight.setCookie {
            agent(flight.call.user).received(
                setCookie: cookie, from: flight.call.surface, path: flight.path, nowUs: queue.nowUs)
        }
        let response = reply.response
        complete(
            flight, status: reply.status, vertical: reply.status == nil ? nil : reply.node.id,
            hlc: response.flatMap(ClientAnswer.timestamp), result: response?.result, reason: reply.reason,
            served: response.map(ServedBy.init))
    }

    private func finish(_ flight: ClientFlight, afterUs: Int64, status: Int?, reason: String) {
        queue.schedule(afterUs: afterUs) { [self] in
            complete(flight, status: status, vertical: nil, hlc: nil, result: nil, reason: reason)
        }
    }

    private func complete(
        _ flight: ClientFlight, status: Int?, vertical: String?, hlc: Int64?, result: APIResult?, reason: String?,
        served: ServedBy? = nil
    ) {
        let elapsedUs = queue.nowUs - flight.issuedUs
        let outcome: RequestOutcome
        if elapsedUs > Self.clientTimeoutUs {
            outcome = .unknown
        } else if let status, status < 500 {
            outcome = .ok
        } else {
            outcome = .failed
        }
        let answer = ClientAnswer(
            status: outcome == .unknown ? nil : status, outcome: outcome, vertical: vertical,
            hlc: hlc, result: result, reason: reason, served: served)
        events.emit(
            .requestFinished(
                WorldEvent.RequestFinished(
                    id: flight.id, call: flight.call, issuedUs: flight.issuedUs, latencyUs: elapsedUs,
                    status: status, answer: answer)))
        flight.completion(answer)
    }
}
