import Mechanisms
import Testing

@testable import Verticals

/// The sync sender state machine, driven directly (action by action) and by an embedded driver
/// that carries its batches over a lossy in-order link to a peer that applies them as the real
/// consumer does (in order, watermark, gap flag).
@Suite("Sync sender")
struct SyncSenderTests {
    static func configuration(
        batch: Int = 10, window: Int = 4, disabled: DisabledMechanisms = .none
    ) -> SyncSender.Configuration {
        SyncSender.Configuration(
            batchSize: batch, window: window, publishDelayUs: 50_000, ackTimeoutUs: 2_000_000,
            retryInitialUs: 500_000, retryMaxUs: 30_000_000, disabled: disabled)
    }

    /// A draw that maps to zero jitter.
    static let middleDraw: UInt64 = 1 << 63

    @Test func aCommitSchedulesOnePublishAndThePublishFillsTheWindow() {
        var sender = SyncSender(configuration: Self.configuration(), ackedSeq: 0)
        #expect(sender.outboxGrew(headSeq: 100) == [.schedulePublish(afterUs: 50_000)])
        #expect(sender.outboxGrew(headSeq: 120) == [], "a publish is already scheduled")
        #expect(
            sender.publishDue() == [
                .send(afterSeq: 0, throughSeq: 10), .send(afterSeq: 10, throughSeq: 20),
                .send(afterSeq: 20, throughSeq: 30), .send(afterSeq: 30, throughSeq: 40),
                .armAckTimer(afterUs: 2_000_000),
            ])
        #expect(sender.outstanding == 40)
        #expect(sender.batchesSent == 4)
    }

    @Test func aShortOutboxIsSentInOnePartialBatch() {
        var sender = SyncSender(configuration: Self.configuration(), ackedSeq: 5, headSeq: 5)
        _ = sender.outboxGrew(headSeq: 8)
        #expect(sender.publishDue() == [.send(afterSeq: 5, throughSeq: 8), .armAckTimer(afterUs: 2_000_000)])
    }

    @Test func anAcknowledgementRecordsTheWatermarkRestartsTheTimerAndSlidesTheWindow() {
        var sender = SyncSender(configuration: Self.configuration(), ackedSeq: 0)
        _ = sender.outboxGrew(headSeq: 100)
        _ = sender.publishDue()
        #expect(
            sender.acknowledged(appliedSeq: 10, gap: false) == [
                .recordWatermark(10), .cancelAckTimer, .armAckTimer(afterUs: 2_000_000),
                .send(afterSeq: 40, throughSeq: 50),
            ])
        #expect(sender.acknowledged(appliedSeq: 10, gap: false) == [], "a duplicate acknowledgement changes nothing")
        #expect(sender.hasAcknowledged(10))
        #expect(!sender.hasAcknowledged(11))
    }

    @Test func theLastAcknowledgementStopsTheTimer() {
        var sender = SyncSender(configuration: Self.configuration(), ackedSeq: 0)
        _ = sender.outboxGrew(headSeq: 3)
        _ = sender.publishDue()
        #expect(sender.acknowledged(appliedSeq: 3, gap: false) == [.recordWatermark(3), .cancelAckTimer])
        #expect(!sender.ackTimerArmed)
        #expect(sender.outstanding == 0)
    }

    /// Exponential backoff from `retryInitialUs`, doubled per failure, capped at `retryMaxUs`.
    @Test(arguments: [
        (1, Int64(500_000)), (2, 1_000_000), (3, 2_000_000), (6, 16_000_000), (7, 30_000_000), (62, 30_000_000),
    ])
    func backoffDoublesUpToTheCap(failures: Int, expectedUs: Int64) {
        let sender = SyncSender(configuration: Self.configuration(), ackedSeq: 0)
        #expect(sender.backoffBaseUs(failures: failures) == expectedUs)
    }

    /// The jitter spans ±spread over the range of draws.
    @Test(arguments: [
        (UInt64(0), Int64(-100)), (UInt64(1) << 63, Int64(0)), (UInt64.max, Int64(100)),
    ])
    func jitterSpansTheSpread(draw: UInt64, expectedUs: Int64) {
        #expect(SyncSender.jitterUs(spreadUs: 100, draw: draw) == expectedUs)
        #expect(SyncSender.jitterUs(spreadUs: 0, draw: draw) == 0)
    }

    @Test func consecutiveTimeoutsBackOffAndResendFromTheWatermark() {
        var sender = SyncSender(configuration: Self.configuration(), ackedSeq: 0)
        _ = sender.outboxGrew(headSeq: 25)
        _ = sender.publishDue()
        #expect(sender.ackTimedOut(draw: Self.middleDraw) == [.schedulePublish(afterUs: 500_000)])
        #expect(sender.sentUpTo == 0)
        #expect(sender.publishDue().first == .send(afterSeq: 0, throughSeq: 10))
        #expect(sender.ackTimedOut(draw: 0) == [.schedulePublish(afterUs: 1_000_000 - 100_000)])
        _ = sender.publishDue()
        #expect(sender.ackTimedOut(draw: .max) == [.schedulePublish(afterUs: 2_000_000 + 200_000)])
        #expect(sender.consecutiveFailures == 3)
        _ = sender.publishDue()
        _ = sender.acknowledged(appliedSeq: 10, gap: false)
        #expect(sender.consecutiveFailures == 0, "progress resets the backoff")
    }

    @Test func aRejectionAndABlockedPublishAreFailures() {
        var sender = SyncSender(configuration: Self.configuration(), ackedSeq: 0)
        _ = sender.outboxGrew(headSeq: 5)
        #expect(sender.publishBlocked(draw: Self.middleDraw) == [.schedulePublish(afterUs: 500_000)])
        _ = sender.publishDue()
        #expect(sender.rejected(draw: Self.middleDraw) == [.cancelAckTimer, .schedulePublish(afterUs: 1_000_000)])
        #expect(sender.sentUpTo == 0)
    }

    /// The `gap-fill` mechanism: with it a failure resends from the peer's watermark, without it
    /// sending resumes past the last event sent.
    @Test(arguments: [DisabledMechanisms.none, .gapFill])
    func gapFillDecidesWhereSendingResumes(disabled: DisabledMechanisms) {
        var sender = SyncSender(configuration: Self.configuration(disabled: disabled), ackedSeq: 0)
        _ = sender.outboxGrew(headSeq: 40)
        _ = sender.publishDue()
        _ = sender.ackTimedOut(draw: Self.middleDraw)
        #expect(sender.sentUpTo == (disabled.isEmpty ? 0 : 40))
        // A reported gap: with gap-fill the window is sent again from the watermark at once.
        let gapped = sender.acknowledged(appliedSeq: 0, gap: true)
        #expect(gapped.first == (disabled.isEmpty ? .send(afterSeq: 0, throughSeq: 10) : nil))
        #expect(sender.resumePoint == (disabled.isEmpty ? 0 : 40))
    }

    @Test func aReportedGapGoesBackToTheWatermarkAtOnce() {
        var sender = SyncSender(configuration: Self.configuration(window: 2), ackedSeq: 0)
        _ = sender.outboxGrew(headSeq: 100)
        _ = sender.publishDue()  // 1...10, 11...20
        // 1...10 was lost; 11...20 arrived and reported the gap.
        #expect(
            sender.acknowledged(appliedSeq: 0, gap: true) == [
                .send(afterSeq: 0, throughSeq: 10), .send(afterSeq: 10, throughSeq: 20),
            ])
    }

    @Test func aRestartForgetsWhatWasInFlightAndResumesFromThePersistedWatermark() {
        var sender = SyncSender(configuration: Self.configuration(), ackedSeq: 0)
        _ = sender.outboxGrew(headSeq: 50)
        _ = sender.publishDue()
        _ = sender.acknowledged(appliedSeq: 10, gap: false)
        #expect(sender.restarted(ackedSeq: 10) == [.cancelAckTimer, .schedulePublish(afterUs: 50_000)])
        #expect(sender.sentUpTo == 10)
        #expect(sender.publishDue().first == .send(afterSeq: 10, throughSeq: 20))
    }

    /// The embedded driver over a link that loses every `lossEvery`-th message (0: none), in
    /// both directions: the peer ends with every event and the window is never exceeded.
    @Test(arguments: [
        (10, 4, 3), (1, 1, 3), (7, 3, 5), (50, 2, 4), (3, 8, 0), (1, 16, 7),
    ])
    func theEmbeddedDriverConvergesOverALossyLink(batch: Int, window: Int, lossEvery: Int) {
        var driver = SenderDriver(
            configuration: Self.configuration(batch: batch, window: window)
        ) { lossEvery > 0 && $0 % lossEvery == 0 }
        driver.commit(upTo: 40)
        driver.run(untilUs: 1_000_000)
        driver.commit(upTo: 97)
        driver.run(untilUs: 600_000_000)
        #expect(driver.maxOutstanding <= Int64(batch * window))
        #expect(driver.peerApplied == 97)
        #expect(driver.persistedWatermark == 97)
        #expect(!driver.sender.ackTimerArmed, "nothing outstanding, no timer")
    }

    /// The first batch is lost: with `gap-fill` it is sent again and the peer catches up; without
    /// it every later batch reports the gap and the peer never gets past it.
    @Test(arguments: [DisabledMechanisms.none, .gapFill])
    func aLostFirstBatchIsFilledOnlyWithGapFill(disabled: DisabledMechanisms) {
        var driver = SenderDriver(configuration: Self.configuration(batch: 5, window: 2, disabled: disabled)) {
            $0 == 1
        }
        driver.commit(upTo: 30)
        driver.run(untilUs: 600_000_000)
        #expect(driver.peerApplied == (disabled.isEmpty ? 30 : 0))
    }
}

/// A minimal embedded driver: virtual time, the sender's timers, an in-order link that loses the
/// messages `loses` picks (by their number, from 1, both directions counted), and a peer that
/// applies in order.
struct SenderDriver {
    enum Event {
        case publish
        case timer(generation: Int)
        case deliver(afterSeq: Int64, throughSeq: Int64)
        case ack(appliedSeq: Int64, gap: Bool)
    }

    var sender: SyncSender
    let loses: (Int) -> Bool
    let latencyUs: Int64 = 10_000
    var nowUs: Int64 = 0
    var agenda: [(timeUs: Int64, order: Int, event: Event)] = []
    var order = 0
    var timerGeneration = 0
    var messages = 0
    var peerApplied: Int64 = 0
    var persistedWatermark: Int64 = 0
    var maxOutstanding: Int64 = 0
    var draws: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(configuration: SyncSender.Configuration, loses: @escaping (Int) -> Bool) {
        sender = SyncSender(configuration: configuration, ackedSeq: 0)
        self.loses = loses
    }

    mutating func commit(upTo head: Int64) { perform(sender.outboxGrew(headSeq: head)) }

    mutating func schedule(afterUs: Int64, _ event: Event) {
        agenda.append((nowUs + afterUs, order, event))
        order += 1
    }

    /// The link: the messages `loses` picks are lost.
    mutating func transmit(_ event: Event) {
        messages += 1
        if loses(messages) { return }
        schedule(afterUs: latencyUs, event)
    }

    mutating func draw() -> UInt64 {
        draws = draws &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return draws
    }

    mutating func perform(_ actions: [SyncSender.Action]) {
        for action in actions {
            switch action {
            case .send(let afterSeq, let throughSeq): transmit(.deliver(afterSeq: afterSeq, throughSeq: throughSeq))
            case .schedulePublish(let afterUs): schedule(afterUs: afterUs, .publish)
            case .armAckTimer(let afterUs):
                timerGeneration += 1
                schedule(afterUs: afterUs, .timer(generation: timerGeneration))
            case .cancelAckTimer: timerGeneration += 1
            case .recordWatermark(let seq): persistedWatermark = seq
            }
        }
        maxOutstanding = max(maxOutstanding, sender.outstanding)
    }

    mutating func run(untilUs endUs: Int64) {
        while let next = agenda.indices.min(by: {
            (agenda[$0].timeUs, agenda[$0].order) < (agenda[$1].timeUs, agenda[$1].order)
        }), agenda[next].timeUs <= endUs {
            let entry = agenda.remove(at: next)
            nowUs = entry.timeUs
            switch entry.event {
            case .publish: perform(sender.publishDue())
            case .timer(let generation):
                if generation == timerGeneration { perform(sender.ackTimedOut(draw: draw())) }
            case .deliver(let afterSeq, let throughSeq):
                // The peer applies in order: a batch past its watermark reports a gap.
                let gap = afterSeq > peerApplied
                if !gap { peerApplied = max(peerApplied, throughSeq) }
                transmit(.ack(appliedSeq: peerApplied, gap: gap))
            case .ack(let appliedSeq, let gap): perform(sender.acknowledged(appliedSeq: appliedSeq, gap: gap))
            }
        }
        nowUs = endUs
    }
}
