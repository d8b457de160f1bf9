import Foundation
import Verticals

/// Carries sync between verticals: for each ordered pair (origin → peer) a publisher driver
/// pushes signed envelopes over the simulated network, with a bounded window of envelopes in
/// flight, an acknowledgement timeout, and exponential backoff with jitter after failures.
/// Go-back-N, as TCP: events past the peer's watermark up to `sentUpTo` are outstanding, at most
/// `window` batches of them; one timer runs while anything is outstanding and restarts when the
/// watermark moves. A timeout, a rejection or a gap sends the driver back to the watermark, which
/// is how a healed partition or a restarted vertical catches up.
final class SyncFabric {
    final class PairDriver {
        let origin: Int
        let peer: Int
        /// Highest seq sent and not known lost; everything past the peer's watermark up to it is
        /// outstanding.
        var sentUpTo: Int64 = 0
        var publishScheduled = false
        /// Bumped to cancel the armed acknowledgement timer.
        var timerToken: UInt64 = 0
        var timerArmed = false
        var consecutiveFailures = 0
        var envelopesSent = 0

        init(origin: Int, peer: Int) {
            self.origin = origin
            self.peer = peer
        }
    }

    let queue: EventQueue
    let network: SimNetwork
    let nodes: [VerticalNode]
    let spec: SyncSpec
    let recorder: RunRecorder
    let faults: FaultBoard
    private var drivers: [PairDriver] = []
    private var outboxHead: [Int64]
    /// Per origin: whether the dual write's second step is scheduled (`outbox-transaction` removed).
    private var relayScheduled: [Bool]
    private var backoffRandom: Xoshiro256
    /// Called whenever a driver's acknowledged watermark moves.
    var onProgress: () -> Void = {}

    init(
        queue: EventQueue, network: SimNetwork, nodes: [VerticalNode], spec: SyncSpec, recorder: RunRecorder,
        faults: FaultBoard, random: SimRandom
    ) {
        self.queue = queue
        self.network = network
        self.nodes = nodes
        self.spec = spec
        self.recorder = recorder
        self.faults = faults
        outboxHead = Array(repeating: 0, count: nodes.count)
        relayScheduled = Array(repeating: false, count: nodes.count)
        backoffRandom = random.stream("sync.backoff")
        for origin in nodes.indices {
            for peer in nodes.indices where peer != origin {
                drivers.append(PairDriver(origin: origin, peer: peer))
            }
        }
    }

    private func driver(_ origin: Int, _ peer: Int) -> PairDriver {
        // drivers are laid out origin-major, skipping origin == peer.
        let index = origin * (nodes.count - 1) + (peer < origin ? peer : peer - 1)
        let found = drivers[index]
        assert(found.origin == origin && found.peer == peer, "driver layout")
        return found
    }

    /// A vertical committed local changes (for client request `request`, if one caused them):
    /// schedule a publish to every peer.
    func committed(origin: Int, request: Int? = nil) {
        outboxHead[origin] = (try? nodes[origin].vertical.publisher.latestSeq()) ?? outboxHead[origin]
        recorder.trace.recordCommit(
            atUs: queue.nowUs, origin: nodes[origin].id, head: outboxHead[origin], request: request)
        for peer in nodes.indices where peer != origin {
            schedulePublish(driver(origin, peer), afterUs: spec.publishDelayUs)
        }
        if nodes[origin].vertical.database.deferredOutboxRows > 0, !relayScheduled[origin] {
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
            && drivers.allSatisfy {
                nodes[$0.origin].vertical.publisher.acked(by: nodes[$0.peer].id) >= outboxHead[$0.origin]
            }
    }

    /// Each origin's outbox head now, to wait for later with ``hasCaughtUp(to:)``.
    var heads: [Int64] { outboxHead }

    /// True when every peer has acknowledged each origin's outbox up to `heads`.
    func hasCaughtUp(to heads: [Int64]) -> Bool {
        drivers.allSatisfy { nodes[$0.origin].vertical.publisher.acked(by: nodes[$0.peer].id) >= heads[$0.origin] }
    }

    /// Envelopes sent so far.
    var envelopesSent: Int { drivers.reduce(0) { $0 + $1.envelopesSent } }

    /// A vertical restarted after a crash: its drivers forget what was in flight.
    func restarted(origin: Int) {
        for peer in nodes.indices where peer != origin {
            let d = driver(origin, peer)
            cancelTimer(d)
            d.sentUpTo = nodes[origin].vertical.publisher.resumePoint(for: nodes[peer].id, sentUpTo: d.sentUpTo)
            schedulePublish(d, afterUs: spec.publishDelayUs)
        }
    }

    private func schedulePublish(_ d: PairDriver, afterUs: Int64) {
        guard !d.publishScheduled else { return }
        d.publishScheduled = true
        queue.schedule(afterUs: afterUs) { [self] in
            d.publishScheduled = false
            publish(d)
        }
    }

    private func publish(_ d: PairDriver) {
        let origin = nodes[d.origin]
        guard origin.canPublish else {
            failed(d)
            return
        }
        let publisher = origin.vertical.publisher
        let peerID = nodes[d.peer].id
        let acked = publisher.acked(by: peerID)
        d.sentUpTo = max(d.sentUpTo, acked)
        let timestampSeconds = origin.localTime(queue.nowUs) / VirtualTime.second
        let windowEvents = Int64(spec.window * spec.batch)
        while d.sentUpTo - acked < windowEvents {
            guard
                let (envelope, lastSeq) = try? publisher.envelope(
                    to: peerID, afterSeq: d.sentUpTo, timestampSeconds: timestampSeconds,
                    signingKeyring: origin.wrongKeyring)
            else { break }
            d.sentUpTo = lastSeq
            d.envelopesSent += 1
            send(envelope, on: d, forged: origin.wrongKeyring != nil)
        }
        if d.sentUpTo > acked, !d.timerArmed { armTimer(d) }
    }

    /// The dual write's second step on `origin` (only with `outbox-transaction` removed): writes
    /// the outbox rows of changes that committed since the last run, then wakes the publishers. A
    /// vertical that is down runs it once it is back (a crash has lost the rows by then); a
    /// failure leaves the rows deferred for the next run.
    private func relayDeferredOutbox(_ origin: Int) {
        let vertical = nodes[origin].vertical
        guard vertical.database.deferredOutboxRows > 0 else { return }
        guard nodes[origin].canPublish else {
            return committed(origin: origin)
        }
        do {
            let written = try vertical.relayDeferredOutbox()
            recorder.trace.record(
                timeUs: queue.nowUs, event: "outbox.relay",
                [("vertical", .string(nodes[origin].id)), ("rows", .int(written))])
        } catch {
            recorder.trace.record(
                timeUs: queue.nowUs, event: "outbox.relay",
                [("vertical", .string(nodes[origin].id)), ("error", .string("\(error)"))])
        }
        committed(origin: origin)
    }

    private func send(_ original: SyncEnvelope, on d: PairDriver, forged: Bool) {
        let from = nodes[d.origin].id
        let to = nodes[d.peer].id
        var envelope = original
        var isForged = forged
        if let tampered = faults.tamper(envelope, from: from, to: to) {
            envelope = tampered
            isForged = true
        }
        recorder.trace.record(
            timeUs: queue.nowUs, event: "sync.send",
            [
                ("from", .string(from)), ("to", .string(to)), ("id", .string(envelope.webhookID)),
                ("forged", .bool(isForged)),
            ])
        let outcome = network.send(from: from, to: to) { [self] in
            deliver(envelope, on: d, forged: isForged)
        }
        faults.attributeMessage(from: from, to: to, outcome: outcome)
    }

    private func deliver(_ envelope: SyncEnvelope, on d: PairDriver, forged: Bool) {
        let peer = nodes[d.peer]
        let origin = nodes[d.origin]
        guard peer.isReachable else { return }  // connection refused: the sender times out
        let receipt: SyncReceipt
        if peer.computeDown {
            receipt = SyncReceipt(
                ack: SyncAck(from: peer.id, origin: origin.id, appliedSeq: -1, rejection: .unavailable))
        } else {
            receipt = peer.vertical.receiveSync(envelope, from: origin.id, nowUs: peer.localTime(queue.nowUs))
        }
        for event in receipt.applied {
            recorder.propagation.applied(
                origin: d.origin, seq: event.seq,
                commitUs: event.committedUs - origin.clockSkewUs, nowUs: queue.nowUs)
        }
        if forged, !receipt.applied.isEmpty {
            recorder.forgedAccepted += receipt.applied.count
            if recorder.forgedFirst == nil {
                recorder.forgedFirst =
                    "at \(VirtualTime.format(queue.nowUs)): \(peer.id) applied \(receipt.applied.count) event(s) of forged envelope \(envelope.webhookID) from \(origin.id)"
            }
        }
        recorder.trace.record(
            timeUs: queue.nowUs, event: "sync.apply",
            [
                ("from", .string(origin.id)), ("to", .string(peer.id)), ("id", .string(envelope.webhookID)),
                ("applied", .int(receipt.applied.count)), ("watermark", .int(receipt.ack.appliedSeq)),
                ("rejection", receipt.ack.rejection.map { .string($0.rawValue) } ?? .null),
            ])
        if receipt.emittedDuringApply > 0 { committed(origin: d.peer) }
        let ack = receipt.ack
        let outcome = network.send(from: peer.id, to: origin.id) { [self] in
            acknowledged(ack, on: d)
        }
        faults.attributeMessage(from: peer.id, to: origin.id, outcome: outcome)
    }

    private func acknowledged(_ ack: SyncAck, on d: PairDriver) {
        let origin = nodes[d.origin]
        guard origin.isReachable else { return }
        if ack.rejection != nil {
            failed(d)
            return
        }
        let publisher = origin.vertical.publisher
        let peerID = nodes[d.peer].id
        let previous = publisher.acked(by: peerID)
        if ack.appliedSeq > previous {
            _ = try? publisher.acknowledge(peer: peerID, appliedSeq: ack.appliedSeq)
            d.consecutiveFailures = 0
            onProgress()
            // Progress restarts the timer (as TCP's retransmission timer does).
            cancelTimer(d)
            if d.sentUpTo > ack.appliedSeq { armTimer(d) }
        }
        if ack.gap {
            // An envelope before this one was lost or overtaken: go back to the watermark.
            d.sentUpTo = min(d.sentUpTo, publisher.resumePoint(for: peerID, sentUpTo: d.sentUpTo))
        }
        if d.sentUpTo < outboxHead[d.origin] { publish(d) }
    }

    private func armTimer(_ d: PairDriver) {
        d.timerToken &+= 1
        d.timerArmed = true
        let token = d.timerToken
        queue.schedule(afterUs: spec.ackTimeoutUs) { [self] in
            guard token == d.timerToken else { return }
            d.timerArmed = false
            failed(d)
        }
    }

    private func cancelTimer(_ d: PairDriver) {
        d.timerToken &+= 1
        d.timerArmed = false
    }

    /// A send failed (timeout, rejection, origin down): back off, then resend from the watermark.
    private func failed(_ d: PairDriver) {
        cancelTimer(d)
        d.sentUpTo = nodes[d.origin].vertical.publisher.resumePoint(for: nodes[d.peer].id, sentUpTo: d.sentUpTo)
        d.consecutiveFailures = min(d.consecutiveFailures + 1, 62)
        let exponential = spec.retryInitialUs << Int64(min(d.consecutiveFailures - 1, 30))
        let base = min(exponential, spec.retryMaxUs)
        let jitter = backoffRandom.jitter(base / 10)
        schedulePublish(d, afterUs: max(VirtualTime.ms, base + jitter))
    }
}
