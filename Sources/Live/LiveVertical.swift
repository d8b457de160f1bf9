import Foundation
import HTTPTypes
import Logging
import Mechanisms
import Sim
import Verticals

/// One vertical in the live mode: the product's ``Vertical`` (the same API core, SQLite file,
/// bucket, outbox, ``SyncConsumer`` and ``SyncPublisher`` the simulator drives) owned by an
/// actor, so its synchronous storage calls run one at a time, at the wall clock's time. It also
/// holds the live faults' switches and drives one ``SyncSender`` per peer (`LiveVertical+Sync`).
actor LiveVertical {
    let id: String
    /// Who the vertical is (what its answers' headers say).
    let identity: VerticalIdentity
    let vertical: Vertical
    let clock: WallClock
    let peers: [String]
    let transport: SyncTransport
    let stats: LiveStats
    private let sink: JSONLinesLogSink
    /// The fault switches.
    private(set) var faults = LiveFaultState()
    private var requestCounter = 0
    /// One sender and its timer generation per peer.
    var links: [String: PeerLink] = [:]
    /// The outbox head the senders were last told.
    var lastHead: Int64 = 0
    /// Set once the vertical is shutting down: timers and answers that arrive later do nothing.
    var stopping = false
    /// Sync POSTs under way.
    var postsInFlight = 0
    /// Pending timers, so shutdown can cancel them.
    var timers: [Int: Task<Void, Never>] = [:]
    var nextTimer = 0
    /// Where the actor runs: a queue of its own, off the cooperative pool.
    private let executor: QueueExecutor

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// One peer's sender.
    struct PeerLink {
        var sender: SyncSender
        /// Bumped to cancel the armed acknowledgement timer.
        var timerGeneration: UInt64 = 0
    }

    /// Opens vertical `spec` of `topology` in `data` (database, bucket, appended JSON log).
    init(
        spec: VerticalSpec, topology: Topology, seed: UInt64, auth: AuthConfig, data: URL, clock: WallClock,
        transport: SyncTransport, stats: LiveStats
    ) throws {
        id = spec.id
        executor = QueueExecutor(label: "glassbreak.live.\(spec.id)")
        let sink = try JSONLinesLogSink(url: data.appendingPathComponent("\(spec.id).log.jsonl"), append: true)
        self.sink = sink
        let logger = Logger(label: spec.id) { label in VerticalLogHandler(sink: sink, label: label) }
        vertical = try VerticalAssembly.vertical(
            spec, of: topology, seed: seed, auth: auth, directory: data, entropy: SystemEntropy(), logger: logger,
            disabled: .none)
        identity = vertical.identity
        self.clock = clock
        peers = topology.verticals.map(\.id).filter { $0 != spec.id }
        self.transport = transport
        self.stats = stats
        let configuration = VerticalAssembly.senderConfiguration(topology, disabled: .none)
        for peer in peers {
            links[peer] = PeerLink(
                sender: SyncSender(configuration: configuration, ackedSeq: vertical.publisher.acked(by: peer)))
        }
    }

    /// The identity headers every answer of this vertical carries, also those the API core does
    /// not write (pages, sync answers).
    nonisolated func stamp(_ fields: inout HTTPFields) {
        fields[.gbPlatform] = identity.platform
        fields[.gbEnvironment] = identity.environment
        fields[.gbVertical] = identity.id
    }

    // MARK: Requests

    /// Serves one API request through the API core at the wall clock's time, under the faults.
    func serve(_ request: APIRequest) -> APIResponse {
        requestCounter += 1
        let requestID = "\(id)-\(requestCounter)"
        let response: APIResponse
        if faults.computeDown {
            response = vertical.refusal(.serviceUnavailable, "compute unavailable", requestID: requestID)
        } else if faults.brownoutRate > 0, Double.random(in: 0..<1) < faults.brownoutRate {
            response = vertical.refusal(.serviceUnavailable, "brownout", requestID: requestID)
        } else {
            var health = DependencyHealth()
            health.databaseUp = !faults.databaseDown
            health.bucketUp = !faults.bucketDown
            response = vertical.handle(request, nowUs: clock.nowUs(), requestID: requestID, health: health)
        }
        if let error = response.storageError {
            // No silent failure: a storage error is logged and counted (the summary names it).
            vertical.logger.error("storage error", metadata: ["request_id": "\(requestID)", "error": "\(error)"])
            stats.problem("\(id): \(error)")
        }
        vertical.logger.info(
            "request",
            metadata: [
                "request_id": "\(requestID)", "method": "\(request.method.rawValue)",
                "route": "\(Vertical.routeName(request.path ?? "/"))", "status": "\(response.status)",
            ])
        if request.method != .get, request.method != .head { outboxMayHaveGrown() }
        return response
    }

    // MARK: Sync, receiving

    /// Receives one sync envelope from `origin`, at the wall clock's time, under the faults.
    func receiveSync(_ envelope: SyncEnvelope, from origin: String) -> SyncAck {
        guard peers.contains(origin) else {
            return SyncAck(from: id, origin: origin, appliedSeq: -1, rejection: .badSignature)
        }
        if faults.computeDown {
            return SyncAck(from: id, origin: origin, appliedSeq: -1, rejection: .unavailable)
        }
        var health = DependencyHealth()
        health.databaseUp = !faults.databaseDown
        health.bucketUp = !faults.bucketDown
        let nowUs = clock.nowUs()
        let receipt = vertical.receiveSync(envelope, from: origin, nowUs: nowUs, health: health)
        if let error = receipt.storageError {
            vertical.logger.error("sync storage error", metadata: ["from": "\(origin)", "error": "\(error)"])
            stats.problem("\(id): applying \(envelope.webhookID): \(error)")
        }
        stats.syncReceived(
            from: origin, to: id, rejection: receipt.ack.rejection,
            propagationUs: receipt.applied.map { nowUs - $0.committedUs })
        if receipt.emittedDuringApply > 0 { outboxMayHaveGrown() }
        return receipt.ack
    }

    // MARK: Faults

    /// Sets the fault switches (the control server's faults start and lift through here).
    func setFaults(_ change: (inout LiveFaultState) -> Void) {
        change(&faults)
    }

    /// The vertical restarts after a crash: it loses its in-memory state (cached watermarks), and
    /// its senders forget what was in flight and resume from the durable watermarks.
    func restartAfterCrash() {
        do {
            try vertical.crash()
        } catch {
            stats.problem("\(id): reloading watermarks after a restart: \(error)")
            return
        }
        for peer in peers {
            let acked = vertical.publisher.acked(by: peer)
            perform(links[peer]!.sender.restarted(ackedSeq: acked), peer: peer)
        }
    }

    // MARK: Shutdown

    /// Stops the senders (timers cancelled, later answers ignored) and waits up to `graceUs` for
    /// the sync POSTs in flight to be answered.
    func stopSync(graceUs: Int64 = 3_000_000) async {
        stopping = true
        for task in timers.values { task.cancel() }
        timers.removeAll()
        let deadline = ContinuousClock.now + .microseconds(graceUs)
        while postsInFlight > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))  // try?-ok: a cancelled wait just checks again
        }
    }

    /// Checkpoints the write-ahead log into the `.sqlite` file, closes the database and the log.
    /// Call after ``stopSync(graceUs:)`` and after the server stopped: nothing can use it afterwards.
    func closeStorage() throws {
        stopping = true
        let closed = Result { try vertical.database.checkpointAndClose() }
        sink.close()
        try closed.get()
        if let error = sink.writeError {
            throw LiveServerError(description: "\(id): writing its log: \(error)", exitCode: 3)
        }
    }

    /// Whether every peer has acknowledged this vertical's whole outbox.
    func isDrained() -> Bool {
        peers.allSatisfy { links[$0]!.sender.hasAcknowledged(lastHead) }
    }

    /// The digest of the replicated state (for the comparison when serve stops).
    func digest() -> Result<StateDigest, LiveServerError> {
        do {
            return .success(try vertical.stateDigest())
        } catch {
            return .failure(LiveServerError(description: "\(id): reading its state: \(error)", exitCode: 3))
        }
    }

    /// Each peer's acknowledged watermark and this vertical's outbox head, for the dashboard and
    /// the summary.
    func syncState() -> (head: Int64, acked: [String: Int64]) {
        var acked: [String: Int64] = [:]
        for peer in peers { acked[peer] = links[peer]?.sender.ackedSeq ?? 0 }
        return (lastHead, acked)
    }
}
