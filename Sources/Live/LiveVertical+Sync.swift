import Foundation
import Verticals

/// The sending side of sync in the live mode: the product's ``SyncSender`` decides, this carries
/// out its actions with real timers (tasks that sleep) and real HTTP POSTs (``SyncTransport``),
/// exactly as the simulator's `SyncFabric` carries them out with queue events and a simulated
/// network.
extension LiveVertical {
    /// Reads the outbox head after a write; when it moved, every sender hears of it.
    func outboxMayHaveGrown() {
        let head: Int64
        do {
            head = try vertical.publisher.latestSeq()
        } catch {
            stats.problem("\(id): reading the outbox head: \(error)")
            return
        }
        guard head > lastHead else { return }
        lastHead = head
        for peer in peers {
            perform(links[peer]!.sender.outboxGrew(headSeq: head), peer: peer)
        }
    }

    /// Carries out a sender's actions, in order.
    func perform(_ actions: [SyncSender.Action], peer: String) {
        // Once stopping, nothing more is sent or scheduled: what is unacknowledged stays in the
        // outbox and the next serve of this data folder publishes it.
        guard !stopping else { return }
        for action in actions {
            switch action {
            case .send(let afterSeq, let throughSeq):
                send(afterSeq: afterSeq, throughSeq: throughSeq, to: peer)
            case .schedulePublish(let afterUs):
                after(afterUs) { vertical in await vertical.publishDue(peer) }
            case .armAckTimer(let afterUs):
                links[peer]!.timerGeneration &+= 1
                let generation = links[peer]!.timerGeneration
                after(afterUs) { vertical in await vertical.ackTimerFired(peer, generation: generation) }
            case .cancelAckTimer:
                links[peer]!.timerGeneration &+= 1
            case .recordWatermark(let seq):
                do {
                    try vertical.publisher.acknowledge(peer: peer, appliedSeq: seq)
                } catch {
                    stats.problem("\(id): recording \(peer)'s sync watermark \(seq): \(error)")
                }
            }
        }
    }

    /// Runs `body` on this actor after `delayUs` (a timer), unless the vertical stops first.
    private func after(_ delayUs: Int64, _ body: @escaping @Sendable (LiveVertical) async -> Void) {
        nextTimer += 1
        let key = nextTimer
        timers[key] = Task(executorPreference: LiveExecutor.shared) { [self] in
            try? await Task.sleep(for: .microseconds(max(0, delayUs)))  // try?-ok: cancelled means stopping
            await fire(key, body)
        }
    }

    private func fire(_ key: Int, _ body: @Sendable (LiveVertical) async -> Void) async {
        timers[key] = nil
        guard !stopping else { return }
        await body(self)
    }

    func publishDue(_ peer: String) {
        guard links[peer]!.sender.publishScheduled else { return }
        if faults.canPublish {
            perform(links[peer]!.sender.publishDue(), peer: peer)
        } else {
            perform(links[peer]!.sender.publishBlocked(draw: UInt64.random(in: .min ... .max)), peer: peer)
        }
    }

    func ackTimerFired(_ peer: String, generation: UInt64) {
        guard links[peer]!.timerGeneration == generation, links[peer]!.sender.ackTimerArmed else { return }
        stats.syncTimeout(from: id, to: peer)
        perform(links[peer]!.sender.ackTimedOut(draw: UInt64.random(in: .min ... .max)), peer: peer)
    }

    /// Builds and signs the envelope of events `afterSeq + 1 ... throughSeq` and POSTs it.
    private func send(afterSeq: Int64, throughSeq: Int64, to peer: String) {
        let built: (envelope: SyncEnvelope, lastSeq: Int64)?
        do {
            built = try vertical.publisher.envelope(
                to: peer, afterSeq: afterSeq, timestampSeconds: clock.unixSeconds())
        } catch {
            stats.problem("\(id): reading sync batch \(afterSeq + 1)...\(throughSeq) for \(peer): \(error)")
            return
        }
        guard let (envelope, lastSeq) = built, lastSeq == throughSeq else {
            preconditionFailure("\(id)'s outbox does not hold events \(afterSeq + 1)...\(throughSeq)")
        }
        stats.syncSent(from: id, to: peer)
        postsInFlight += 1
        let (transport, origin) = (transport, id)
        Task(executorPreference: LiveExecutor.shared) { [self] in
            let ack = await transport.post(envelope, from: origin, to: peer)
            await self.answered(ack, from: peer)
        }
    }

    /// The peer's answer to a POST (nil: none came, the acknowledgement timer will run out).
    private func answered(_ ack: SyncAck?, from peer: String) {
        postsInFlight -= 1
        guard !stopping, faults.canPublish, let ack, ack.origin == id, ack.from == peer else { return }
        guard ack.appliedSeq <= links[peer]!.sender.headSeq else {
            // An answer claiming more than this outbox ever held is not an acknowledgement of it.
            stats.problem("\(id): \(peer) acknowledged \(ack.appliedSeq), past the outbox head \(lastHead)")
            return
        }
        if ack.rejection != nil {
            perform(links[peer]!.sender.rejected(draw: UInt64.random(in: .min ... .max)), peer: peer)
        } else {
            perform(links[peer]!.sender.acknowledged(appliedSeq: ack.appliedSeq, gap: ack.gap), peer: peer)
        }
    }

    /// Starts sync after the vertical opened: the senders learn the outbox head, so whatever an
    /// earlier serve left unacknowledged is published.
    func startSync() {
        outboxMayHaveGrown()
    }
}
