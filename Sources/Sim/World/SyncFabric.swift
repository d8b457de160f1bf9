import Foundation
import Verticals

/// Carries sync between verticals over the simulated network. For each ordered pair (origin →
/// peer) a ``SyncSender`` (the product's sans-I/O sender state machine) decides what to send and
/// when; the fabric only performs its actions: it builds and signs the envelopes the sender asks
/// for, carries them and their acknowledgements over ``SimNetwork``, runs the sender's timers on
/// the event queue, draws its jitter, applies faults (a tampered envelope, a vertical that is
/// down), and emits what happened as ``WorldEvent``s (commits, sends, applies).
final class SyncFabric {
    /// One pair's sender and the simulated timer that stands for its acknowledgement timer.
    final class PairDriver {
        let origin: Int
        let peer: Int
        var sender: SyncSender
        /// Bumped to cancel the armed acknowledgement timer (queue events cannot be removed).
        var timerGeneration: UInt64 = 0

        init(origin: Int, peer: Int, sender: SyncSender) {
            self.origin = origin
            self.peer = peer
            self.sender = sender
        }
    }

    let queue: EventQueue
    let network: SimNetwork
    let nodes: [VerticalNode]
    let events: WorldEventStream
    let storage: StorageGuard
    let faults: FaultBoard
    /// The sender's settings, shared by every pair.
    let configuration: SyncSender.Configuration
    private var drivers: [PairDriver] = []
    private var outboxHead: [Int64]
    /// Per origin: whether the dual write's second step is scheduled (`outbox-transaction` removed).
    private var relayScheduled: [Bool]
    private var backoffRandom: Xoshiro256
    /// Called whenever a driver's acknowledged watermark moves.
    var onProgress: () -> Void = {}

    init(
        queue: EventQueue, network: SimNetwork, nodes: [VerticalNode], configuration: SyncSender.Configuration,
        events: WorldEventStream, storage: StorageGuard, faults: FaultBoard, random: SimRandom
    ) {
        self.queue = queue
        self.network = network
        self.nodes = nodes
        self.configuration = configuration
        self.events = events
        self.storage = storage
        self.faults = faults
        outboxHead = Array(repeating: 0, count: nodes.count)
        relayScheduled = Array(repeating: false, count: nodes.count)
        backoffRandom = random.stream("sync.backoff")
        for origin in nodes.indices {
            for peer in nodes.indices where peer != origin {
                let acked = nodes[origin].vertical.publisher.acked(by: nodes[peer].id)
                drivers.append(
                    PairDriver(
                        origin: origin, peer: peer, sender: SyncSender(configuration: configuration, ackedSeq: acked)))
            }
        }
    }

    private func driver(_ origin: Int, _ peer: Int) -> PairDriver {
        // drivers are laid out origin-major, skipping origin == peer.
        let index = origin * (nodes.count - 1) + (peer < origin ? peer : peer - 1)
        let found = drivers[index]
        precondition(found.origin == origin && found.peer == peer, "sync driver layout")
        return found
    }

    /// A vertical committed local changes (for client request `request`, if one caused them):
    /// its senders publish soon.
    func committed(origin: Int, request: Int? = nil) {
        let node = nodes[origin]
        guard
            let head = storage.storage(node.id, "reading the outbox head", { try node.vertical.publisher.latestSeq() })
        else { return }
        outboxHead[origin] = head
        events.emit(.syncCommitted(origin: node.id, head: head, request: request))
        for peer in nodes.indices where peer != origin {
            let d = driver(origin, peer)
            perform(d.sender.outboxGrew(headSeq: head), on: d)
        }
        if node.vertical.database.deferredOutboxRows > 0, !relayScheduled[origin] {
            relayScheduled[origin] = true
            queue.schedule(afterUs: VerticalDatabase.deferredOutboxDelayUs) { [self] in
                relayScheduled[origin] = false
                relayDeferredOutbox(origin)
            }
        }
    }

    /// True when every peer has acknowledged every origin's outbox (and no outbox row waits to be
    /// written, with `outbox-transaction` removed).
    var isDrained: Bool {
        nodes.allSatisfy { $0.vertical.database.deferredOutboxRows == 0 }
            && drivers.allSatisfy { $0.sender.hasAcknowledged(outboxHead[$0.origin]) }
    }

    /// Each origin's outbox head now, to wait for later with ``hasCaughtUp(to:)``.
    var heads: [Int64] { outboxHead }

    /// True when every peer has acknowledged each origin's outbox up to `heads`.
    func hasCaughtUp(to heads: [Int64]) -> Bool {
        drivers.allSatisfy { $0.sender.hasAcknowledged(heads[$0.origin]) }
    }

    /// Envelopes sent so far.
    var envelopesSent: Int { drivers.reduce(0) { $0 + $1.sender.batchesSent } }

    /// A vertical restarted after a crash (its watermarks reloaded from disk): its senders forget
    /// what was in flight.
    func restarted(origin: Int) {
        for peer in nodes.indices where peer != origin {
            let d = driver(origin, peer)
            let acked = nodes[origin].vertical.publisher.acked(by: nodes[peer].id)
            perform(d.sender.restarted(ackedSeq: acked), on: d)
        }
    }

    /// Carries out the sender's actions, in order.
    private func perform(_ actions: [SyncSender.Action], on d: PairDriver) {
        for action in actions {
            switch action {
            case .send(let afterSeq, let throughSeq): send(afterSeq: afterSeq, throughSeq: throughSeq, on: d)
            case .schedulePublish(let afterUs):
                queue.schedule(afterUs: afterUs) { [self] in publishDue(d) }
            case .armAckTimer(let afterUs):
                d.timerGeneration &+= 1
                let generation = d.timerGeneration
                queue.schedule(afterUs: afterUs) { [self] in
                    guard generation == d.timerGeneration else { return }
                    perform(d.sender.ackTimedOut(draw: backoffRandom.next()), on: d)
                }
            case .cancelAckTimer: d.timerGeneration &+= 1
            case .recordWatermark(let seq):
                let origin = nodes[d.origin]
                let peerID = nodes[d.peer].id
                guard
                    storage.storage(
                        origin.id, "recording \(peerID)'s sync watermark \(seq)",
                        { try origin.vertical.publisher.acknowledge(peer: peerID, appliedSeq: seq) }) != nil
                else { return }
                onProgress()
            }
        }
    }

    private func publishDue(_ d: PairDriver) {
        if nodes[d.origin].canPublish {
            perform(d.sender.publishDue(), on: d)
        } else {
            // The origin is down: the envelope it was due to send is held back.
            faults.attributeSync(.vertical(nodes[d.origin].id), kinds: [.providerOutage, .crash], ack: false)
            perform(d.sender.publishBlocked(draw: backoffRandom.next()), on: d)
        }
    }

    /// Builds, signs and sends the envelope of events `afterSeq + 1 ... throughSeq`.
    private func send(afterSeq: Int64, throughSeq: Int64, on d: PairDriver) {
        let origin = nodes[d.origin]
        let peerID = nodes[d.peer].id
        let timestampSeconds = origin.vertical.epochUnixSeconds + origin.localTime(queue.nowUs) / VirtualTime.second
        guard
            let built = storage.storage(
                origin.id, "reading sync batch \(afterSeq + 1)...\(throughSeq) for \(peerID)",
                {
                    try origin.vertical.publisher.envelope(
                        to: peerID, afterSeq: afterSeq, timestampSeconds: timestampSeconds,
                        signingKeyring: origin.wrongKeyring)
                })
        else { return }
        guard let (envelope, lastSeq) = built, lastSeq == throughSeq else {
            preconditionFailure(
                "\(origin.id)'s outbox does not hold events \(afterSeq + 1)...\(throughSeq) (its head is \(outboxHead[d.origin]))"
            )
        }
        carry(envelope, on: d, forged: origin.wrongKeyring != nil)
    }

    /// The dual write's second step on `origin` (only with `outbox-transaction` removed): writes
    /// the outbox rows of changes that committed since the last run, then wakes the publishers. A
    /// vertical that is down runs it once it is back (a crash has lost the rows by then).
    private func relayDeferredOutbox(_ origin: Int) {
        let vertical = nodes[origin].vertical
        guard vertical.database.deferredOutboxRows > 0 else { return }
        guard nodes[origin].canPublish else {
            return committed(origin: origin)
        }
        guard
            let written = storage.storage(
                nodes[origin].id, "writing the deferred outbox rows", { try vertical.relayDeferredOutbox() })
        else { return }
        events.emit(.outboxRelayed(vertical: nodes[origin].id, rows: written))
        committed(origin: origin)
    }

    private func carry(_ original: SyncEnvelope, on d: PairDriver, forged: Bool) {
        let from = nodes[d.origin].id
        let to = nodes[d.peer].id
        var envelope = original
        var isForged = forged
        if let tampered = faults.tamper(envelope, from: from, to: to) {
            envelope = tampered
            isForged = true
        }
        events.emit(.syncSent(WorldEvent.SyncSent(from: from, to: to, envelope: envelope, forged: isForged)))
        let outcome = network.send(from: from, to: to) { [self] in
            deliver(envelope, on: d, forged: isForged)
        }
        faults.attributeMessage(from: from, to: to, outcome: outcome, ack: false)
    }

    private func deliver(_ envelope: SyncEnvelope, on d: PairDriver, forged: Bool) {
        let peer = nodes[d.peer]
        let origin = nodes[d.origin]
        guard peer.isReachable else {
            // Connection refused: the sender times out.
            faults.attributeSync(.vertical(peer.id), kinds: [.providerOutage, .crash], ack: false)
            return
        }
        let receipt: SyncReceipt
        if peer.computeDown {
            faults.attributeSync(.vertical(peer.id), kinds: [.computeOutage], ack: false)
            receipt = SyncReceipt(
                ack: SyncAck(from: peer.id, origin: origin.id, appliedSeq: -1, rejection: .unavailable))
        } else {
            receipt = peer.vertical.receiveSync(
                envelope, from: origin.id, nowUs: peer.localTime(queue.nowUs), health: peer.health)
        }
        storage.storageFailed(
            peer.id, "applying sync envelope \(envelope.webhookID) from \(origin.id)", reason: receipt.storageError)
        if receipt.ack.rejection == .unavailable, !peer.computeDown {
            faults.attributeSync(.vertical(peer.id), kinds: [.databaseOutage, .bucketOutage], ack: false)
        }
        events.emit(
            .syncApplied(
                WorldEvent.SyncApplied(
                    originIndex: d.origin, from: origin.id, to: peer.id, envelopeID: envelope.webhookID,
                    // Commit instants on the true clock: the origin's skew is taken out.
                    applied: receipt.applied.map { ($0.seq, $0.committedUs - origin.clockSkewUs) },
                    watermark: receipt.ack.appliedSeq, rejection: receipt.ack.rejection, forged: forged)))
        if receipt.emittedDuringApply > 0 { committed(origin: d.peer) }
        let ack = receipt.ack
        let outcome = network.send(from: peer.id, to: origin.id) { [self] in
            acknowledged(ack, on: d)
        }
        faults.attributeMessage(from: peer.id, to: origin.id, outcome: outcome, ack: true)
    }

    private func acknowledged(_ ack: SyncAck, on d: PairDriver) {
        guard nodes[d.origin].isReachable else {
            faults.attributeSync(.vertical(nodes[d.origin].id), kinds: [.providerOutage, .crash], ack: true)
            return
        }
        if ack.rejection != nil {
            perform(d.sender.rejected(draw: backoffRandom.next()), on: d)
        } else {
            perform(d.sender.acknowledged(appliedSeq: ack.appliedSeq, gap: ack.gap), on: d)
        }
    }
}
