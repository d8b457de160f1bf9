import Edge
import Foundation
import HTTPTypes
import Verticals

/// One request as a client sends it, and what it is for (so checkers can judge its answer).
struct ClientCall {
    enum Purpose {
        /// A write of `object`; `deletes` for tombstones.
        case write(object: String, deletes: Bool)
        /// A read of `object`.
        case read(object: String)
        /// Anything the checkers do not judge (list, a script's status step).
        case other
        /// The footer indicator's status call after a page view: counted in `metrics.footer`, not
        /// in the surface's availability (the user did not ask for it).
        case footer
    }

    let user: String
    let surface: String
    var request: APIRequest
    let purpose: Purpose
    /// Operation name for the trace (`create`, `read`, ...).
    let operation: String
    /// Pin to set on the client's cookie jar before sending (script `pin:`).
    var presetPin: String?
    /// The bearer token to send.
    var token: String?
}

/// What a response said about where it was served: the `x-gb-vertical`, `x-gb-platform` and
/// `x-gb-environment` headers the simulated browser reads.
struct ServedBy: Equatable {
    var vertical: String?
    var platform: String?
    var environment: String?

    init(_ response: APIResponse) {
        let fields = response.head.headerFields
        vertical = fields[.gbVertical]
        platform = fields[.gbPlatform]
        environment = fields[.gbEnvironment]
    }
}

/// What came back for a ``ClientCall``.
struct ClientAnswer {
    let status: Int?
    let outcome: RequestOutcome
    /// The vertical that produced the answer, if one did.
    let vertical: String?
    /// The write or read timestamp from `ETag`.
    let hlc: Int64?
    let body: Data
    /// Why it failed when no vertical answered (`dns`, `connect`, `edge`, ...).
    let reason: String?
    /// What the response's headers claimed about where it was served (nil without a response).
    var served: ServedBy? = nil
}

/// The simulated users' side of the network: resolver caches and cookie jars per user, DNS,
/// the edge hop with its retry on 5xx, the hop to a vertical, and client timeouts.
final class ClientFabric {
    final class UserAgent {
        var resolver = ResolverCache()
        /// `gb_vertical` cookie per surface.
        var pins: [String: String] = [:]
    }

    struct Flight {
        let id: Int
        let call: ClientCall
        let issuedUs: Int64
        let completion: (ClientAnswer) -> Void
        var retried = false
        /// When the failed answer that triggered the edge's retry reached the edge.
        var failedAtEdgeUs: Int64?
        var setCookie: String?
    }

    let queue: EventQueue
    let nodes: [VerticalNode]
    let edge: EdgeNode?
    var directory: DomainDirectory
    let faults: FaultBoard
    let recorder: RunRecorder
    let clientLink: LinkSpec
    /// The client gives up after this long: the request's outcome is unknown.
    let clientTimeoutUs: Int64 = 30 * VirtualTime.second
    /// A connection to a dead address is abandoned after this long.
    let connectTimeoutUs: Int64 = 5 * VirtualTime.second
    private var agents: [String: UserAgent] = [:]
    private var latencyRandom: Xoshiro256
    private var edgeRandom: Xoshiro256
    private var nextRequestID = 0
    /// Called after a vertical committed a write (the sync fabric schedules a publish), with the
    /// vertical's index and the request's id.
    var onCommit: (Int, Int) -> Void = { _, _ in }

    init(
        queue: EventQueue, nodes: [VerticalNode], edge: EdgeNode?, directory: DomainDirectory, faults: FaultBoard,
        recorder: RunRecorder, clientLink: LinkSpec, random: SimRandom
    ) {
        self.queue = queue
        self.nodes = nodes
        self.edge = edge
        self.directory = directory
        self.faults = faults
        self.recorder = recorder
        self.clientLink = clientLink
        latencyRandom = random.stream("client.latency")
        edgeRandom = random.stream("edge.pick")
    }

    private func agent(_ user: String) -> UserAgent {
        if let existing = agents[user] { return existing }
        let created = UserAgent()
        agents[user] = created
        return created
    }

    private func latency() -> Int64 {
        clientLink.latencyUs + latencyRandom.jitter(clientLink.jitterUs)
    }

    private func node(_ id: String) -> VerticalNode { nodes.node(id) }

    /// Sends `call` now; `completion` runs when the client has its answer (or gives up).
    func send(_ call: ClientCall, completion: @escaping (ClientAnswer) -> Void) {
        nextRequestID += 1
        var call = call
        let agent = agent(call.user)
        if let pin = call.presetPin { agent.pins[call.surface] = pin }
        if let token = call.token { call.request.head.headerFields[.authorization] = "Bearer \(token)" }
        let flight = Flight(id: nextRequestID, call: call, issuedUs: queue.nowUs, completion: completion)
        guard let answer = agent.resolver.resolve(call.surface, nowUs: queue.nowUs, directory: directory) else {
            faults.attributeRequest(.domain(call.surface), kinds: [.registrarSuspension])
            return finish(flight, after: latency(), status: nil, vertical: nil, reason: "dns-nxdomain")
        }
        switch answer.target {
        case .blackhole:
            faults.attributeRequest(.domain(call.surface), kinds: [.dnsMisconfiguration])
            finish(flight, after: connectTimeoutUs, status: nil, vertical: nil, reason: "connect-timeout")
        case .vertical(let id):
            hop(flight, to: node(id), afterUs: latency(), viaEdge: false)
        case .edge:
            throughEdge(flight)
        }
    }

    private func throughEdge(_ flight: Flight) {
        guard let edge else { preconditionFailure("DNS points at an edge the topology lacks") }
        let target = FaultTarget.edge(edge.router.name)
        if edge.down {
            faults.attributeRequest(target, kinds: [.edgeOutage])
            return finish(flight, after: connectTimeoutUs, status: nil, vertical: nil, reason: "edge-unreachable")
        }
        if edge.drawsError() {
            faults.attributeRequest(target, kinds: [.edgeError])
            return finish(flight, after: 2 * latency(), status: 503, vertical: nil, reason: "edge-error")
        }
        let pin = agents[flight.call.user]?.pins[flight.call.surface]
        switch edge.router.route(cookieHeader: pin.map { "\(EdgeRouter.cookieName)=\($0)" }, draw: edgeRandom.next()) {
        case .unavailable:
            finish(flight, after: 2 * latency(), status: 503, vertical: nil, reason: "no-healthy-target")
        case .forward(let vertical, let setCookie):
            if setCookie != nil {
                recorder.edge.pinned(
                    SessionKey(user: flight.call.user, surface: flight.call.surface), to: vertical,
                    atUs: queue.nowUs)
            }
            var routed = flight
            routed.setCookie = setCookie
            hop(routed, to: node(vertical), afterUs: latency() + latency(), viaEdge: true)
        }
    }

    /// The request travels to `node` and is served there; the answer travels back.
    private func hop(_ flight: Flight, to node: VerticalNode, afterUs: Int64, viaEdge: Bool) {
        queue.schedule(afterUs: afterUs) { [self] in
            let target = FaultTarget.vertical(node.id)
            guard node.isReachable else {
                faults.attributeRequest(target, kinds: [.providerOutage, .crash])
                return respond(
                    flight, from: node, afterUs: latency(), status: nil, response: nil,
                    reason: "connect-refused", viaEdge: viaEdge)
            }
            if node.computeDown {
                faults.attributeRequest(target, kinds: [.computeOutage])
                return respond(
                    flight, from: node, afterUs: latency(), status: 503, response: nil,
                    reason: "compute-outage", viaEdge: viaEdge)
            }
            let requestID = "req-\(flight.id)"
            switch node.admit(flight.call.request, nowUs: node.localTime(queue.nowUs), requestID: requestID) {
            case .refused(let served):
                faults.attributeRequest(target, kinds: [.controlPlaneOutage])
                respond(
                    flight, from: node, afterUs: served.serviceUs + latency(), status: served.response.status,
                    response: served.response, reason: nil, viaEdge: viaEdge)
            case .accepted(let admission):
                queue.schedule(afterUs: admission.startupUs) { [self] in
                    execute(flight, at: node, admission: admission, requestID: requestID, viaEdge: viaEdge)
                }
            }
        }
    }

    /// Executes an admitted request at `node` now: its effect happens at this virtual instant.
    private func execute(
        _ flight: Flight, at node: VerticalNode, admission: Admission, requestID: String, viaEdge: Bool
    ) {
        let target = FaultTarget.vertical(node.id)
        guard node.isReachable, !node.computeDown else {
            // The vertical went down during the cold start: the connection breaks.
            faults.attributeRequest(target, kinds: [.providerOutage, .crash, .computeOutage])
            return respond(
                flight, from: node, afterUs: latency(), status: nil, response: nil,
                reason: "connection-lost", viaEdge: viaEdge)
        }
        if node.clockSkewUs != 0 { faults.attributeRequest(target, kinds: [.clockSkew]) }
        let writesBefore = node.vertical.database.writeTransactions
        let served = node.execute(
            flight.call.request, nowUs: node.localTime(queue.nowUs), requestID: requestID,
            admission: admission)
        let status = served.response.status
        recorder.storageFailed(
            node.id, "serving \(flight.call.operation) (request \(requestID))", reason: served.response.storageError)
        if status == 503 { faults.attributeRequest(target, kinds: [.databaseOutage, .bucketOutage]) }
        // Any committed write (runbooks, sign-ups, TOTP steps, revocations) wakes the publisher.
        if node.vertical.database.writeTransactions != writesBefore { onCommit(node.index, flight.id) }
        if node.brownoutRate > 0, node.brownoutRandom.chance(node.brownoutRate) {
            faults.attributeRequest(target, kinds: [.brownout])
            return respond(
                flight, from: node, afterUs: served.serviceUs + latency(), status: 503, response: nil,
                reason: "brownout", viaEdge: viaEdge)
        }
        auditKept(flight, at: node, response: served.response)
        respond(
            flight, from: node, afterUs: served.serviceUs + latency(), status: status, response: served.response,
            reason: nil, viaEdge: viaEdge)
    }

    /// The answer (nil status: a connect failure) travels back; through the edge, a 5xx or a
    /// connect failure is retried once on a healthy peer.
    private func respond(
        _ flight: Flight, from node: VerticalNode, afterUs: Int64, status: Int?, response: APIResponse?,
        reason: String?, viaEdge: Bool
    ) {
        queue.schedule(afterUs: afterUs) { [self] in
            if viaEdge, let failedAtUs = flight.failedAtEdgeUs {
                recorder.edge.failoverAnswered(latencyUs: queue.nowUs - failedAtUs)
            }
            if viaEdge, let edge, !flight.retried {
                let decision = edge.router.afterResponse(
                    from: node.id, status: status, connectFailed: status == nil,
                    draw: edgeRandom.next())
                if case .retry(let peer, let cookie) = decision {
                    recorder.edge.failedOver(
                        SessionKey(user: flight.call.user, surface: flight.call.surface),
                        atUs: queue.nowUs, faultStartUs: faults.activeSince(.vertical(node.id)))
                    var retry = flight
                    retry.retried = true
                    retry.failedAtEdgeUs = queue.nowUs
                    retry.setCookie = cookie
                    hop(retry, to: self.node(peer), afterUs: latency(), viaEdge: true)
                    return
                }
            }
            deliver(
                flight, status: status, response: response, vertical: status == nil ? nil : node.id,
                reason: reason, viaEdge: viaEdge)
        }
    }

    private func deliver(
        _ flight: Flight, status: Int?, response: APIResponse?, vertical: String?, reason: String?,
        viaEdge: Bool
    ) {
        if viaEdge, let cookie = flight.setCookie, let value = Self.cookieValue(cookie) {
            agent(flight.call.user).pins[flight.call.surface] = value
        }
        let hlc = response?.head.headerFields[.eTag].flatMap(Self.etagTimestamp)
        complete(
            flight, status: status, vertical: vertical, hlc: hlc, body: response?.body ?? Data(), reason: reason,
            served: response.map(ServedBy.init))
    }

    /// The timestamp an `ETag` carries: the value without its surrounding quotes, as an integer.
    static func etagTimestamp(_ etag: String) -> Int64? {
        var text = Substring(etag)
        while text.first == "\"" { text = text.dropFirst() }
        while text.last == "\"" { text = text.dropLast() }
        return Int64(text, radix: 10)
    }

    static func cookieValue(_ setCookie: String) -> String? {
        guard let first = setCookie.split(separator: ";").first else { return nil }
        let pair = first.split(separator: "=", maxSplits: 1)
        return pair.count == 2 && pair[0] == EdgeRouter.cookieName[...] ? String(pair[1]) : nil
    }

    private func finish(_ flight: Flight, after delayUs: Int64, status: Int?, vertical: String?, reason: String) {
        queue.schedule(afterUs: delayUs) { [self] in
            complete(flight, status: status, vertical: vertical, hlc: nil, body: Data(), reason: reason)
        }
    }

    private func complete(
        _ flight: Flight, status: Int?, vertical: String?, hlc: Int64?, body: Data, reason: String?,
        served: ServedBy? = nil
    ) {
        let elapsedUs = queue.nowUs - flight.issuedUs
        let outcome: RequestOutcome
        if elapsedUs > clientTimeoutUs {
            outcome = .unknown
        } else if let status, status < 500 {
            outcome = .ok
        } else {
            outcome = .failed
        }
        if case .footer = flight.call.purpose {
            recorder.footer.viewed(claimedBy: outcome == .ok ? served?.vertical : nil)
        } else {
            recordCounted(flight, outcome: outcome, status: status, vertical: vertical, reason: reason)
        }
        recorder.trace.record(
            timeUs: queue.nowUs, event: "request",
            [
                ("id", .int(flight.id)), ("user", .string(flight.call.user)), ("via", .string(flight.call.surface)),
                ("op", .string(flight.call.operation)), ("path", .string(flight.call.request.head.path ?? "")),
                ("vertical", vertical.map { .string($0) } ?? .null), ("status", status.map { .int($0) } ?? .null),
                ("outcome", .string(outcome.rawValue)), ("latency_us", .int(elapsedUs)),
                ("reason", reason.map { .string($0) } ?? .null),
                ("platform", served?.platform.map { .string($0) } ?? .null),
                ("environment", served?.environment.map { .string($0) } ?? .null),
            ])
        let answer = ClientAnswer(
            status: outcome == .unknown ? nil : status, outcome: outcome, vertical: vertical,
            hlc: hlc, body: body, reason: reason, served: served)
        judge(flight, answer)
        flight.completion(answer)
    }

    private func recordCounted(
        _ flight: Flight, outcome: RequestOutcome, status: Int?, vertical: String?, reason: String?
    ) {
        recorder.counted(
            surface: flight.call.surface, outcome: outcome,
            describe:
                "at \(VirtualTime.format(flight.issuedUs)): \(flight.call.user)'s \(flight.call.operation) got \(outcome == .unknown ? "no answer in time" : status.map { "\($0)" } ?? reason ?? "no answer")\(vertical.map { " from \($0)" } ?? reason.map { " (\($0))" } ?? "")"
        )
    }

    /// Feeds the session checkers with an answer.
    private func judge(_ flight: Flight, _ answer: ClientAnswer) {
        guard answer.outcome == .ok, let vertical = answer.vertical, let status = answer.status else { return }
        auditRefusedToken(flight, status: status, vertical: vertical, body: answer.body)
        if let token = flight.call.token, status != 401 {
            recorder.auth.tokenAccepted(
                token, vertical: vertical, issuedUs: flight.issuedUs, operation: flight.call.operation)
        }
        let session = SessionKey(user: flight.call.user, surface: flight.call.surface)
        switch flight.call.purpose {
        case .write(let object, let deletes) where status < 300:
            if let hlc = answer.hlc {
                recorder.sessions.wrote(
                    session, object: object, hlc: hlc, deleted: deletes, vertical: vertical,
                    atUs: queue.nowUs)
                recorder.acknowledgedWrite(
                    object, hlc: hlc, atUs: queue.nowUs, user: flight.call.user, vertical: vertical)
            }
        case .read(let object) where status == 200 || status == 404:
            let violations = recorder.sessions.read(
                session, object: object, observedHLC: status == 200 ? answer.hlc : nil,
                vertical: vertical, issuedUs: flight.issuedUs)
            for violation in violations {
                recorder.trace.recordViolation(violation, atUs: queue.nowUs, request: flight.id)
            }
        default:
            break
        }
        recorder.sessions.served(session, by: vertical)
    }
}
