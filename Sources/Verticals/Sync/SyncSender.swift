import Mechanisms

/// The sending side of sync from one origin vertical to one peer, as a sans-I/O state machine:
/// the simulator's fabric and a live server drive the very same code. It decides which batch of
/// outbox events to send, when to give up waiting for an acknowledgement, how long to back off,
/// and where to resume; its caller carries the batches, runs the timers and persists the
/// watermark, as the returned ``Action``s say.
///
/// Go-back-N, as TCP: events past the peer's acknowledged watermark up to ``sentUpTo`` are
/// outstanding, at most `window × batchSize` of them; one acknowledgement timer runs while
/// anything is outstanding and restarts when the watermark moves. A timeout, a rejection or a
/// publish attempt while the origin cannot send counts as a failure: exponential backoff with
/// jitter (the jitter comes in as a draw), then a resend from the peer's watermark (the
/// `gap-fill` mechanism). A reported gap goes back to the watermark at once.
///
/// ```swift
/// var sender = SyncSender(configuration: config, ackedSeq: 0)
/// perform(sender.outboxGrew(headSeq: 3))        // [.schedulePublish(afterUs: 50_000)]
/// perform(sender.publishDue())                  // [.send(afterSeq: 0, throughSeq: 3), .armAckTimer(...)]
/// perform(sender.acknowledged(appliedSeq: 3, gap: false))
/// ```
public struct SyncSender: Sendable {
    /// The sender's settings (from the topology's `sync` section).
    public struct Configuration: Sendable, Equatable {
        /// Most events in one batch.
        public var batchSize: Int
        /// Most batches outstanding at once.
        public var window: Int
        /// Delay between a commit and the publish it triggers (coalesces commits).
        public var publishDelayUs: Int64
        /// How long a sent batch waits for its acknowledgement before it counts as failed.
        public var ackTimeoutUs: Int64
        /// First backoff after a failure; it doubles with each further failure...
        public var retryInitialUs: Int64
        /// ...up to this cap.
        public var retryMaxUs: Int64
        /// Whether sending resumes from the peer's watermark after a failure or a gap: the one
        /// place the `gap-fill` mechanism lives (off only when it is ablated).
        public var fillsGaps: Bool

        /// Settings with every field given; `disabled` removes `gap-fill` when it holds it.
        public init(
            batchSize: Int, window: Int, publishDelayUs: Int64, ackTimeoutUs: Int64, retryInitialUs: Int64,
            retryMaxUs: Int64, disabled: DisabledMechanisms = .none
        ) {
            precondition(batchSize > 0 && window > 0, "sync batch and window must be positive")
            precondition(publishDelayUs >= 0 && ackTimeoutUs > 0, "sync delays must be positive")
            precondition(retryInitialUs > 0 && retryMaxUs >= retryInitialUs, "sync retry bounds out of order")
            self.batchSize = batchSize
            self.window = window
            self.publishDelayUs = publishDelayUs
            self.ackTimeoutUs = ackTimeoutUs
            self.retryInitialUs = retryInitialUs
            self.retryMaxUs = retryMaxUs
            fillsGaps = !disabled.removes(.gapFill)
        }
    }

    /// What the caller must do next, in order.
    public enum Action: Sendable, Equatable {
        /// Sign and send the outbox events `afterSeq + 1 ... throughSeq` as one envelope.
        case send(afterSeq: Int64, throughSeq: Int64)
        /// Call ``publishDue(headSeq:)`` (or ``publishBlocked(draw:)``) after `afterUs`.
        case schedulePublish(afterUs: Int64)
        /// Start the acknowledgement timer: call ``ackTimedOut(draw:)`` after `afterUs` unless
        /// cancelled first. At most one runs.
        case armAckTimer(afterUs: Int64)
        /// Cancel the running acknowledgement timer.
        case cancelAckTimer
        /// The peer's watermark moved to this seq: persist it, so a restart resumes there.
        case recordWatermark(Int64)
    }

    /// The shortest backoff, whatever the jitter draws.
    public static let minimumBackoffUs: Int64 = 1_000
    /// Failures counted at most (the exponent of the backoff is capped well before).
    public static let maximumFailures = 62

    public let configuration: Configuration
    /// The highest seq the peer has acknowledged.
    public private(set) var ackedSeq: Int64
    /// The highest seq sent and not known lost.
    public private(set) var sentUpTo: Int64
    /// The origin's outbox head, as last told.
    public private(set) var headSeq: Int64
    /// Whether a publish is scheduled (at most one is).
    public private(set) var publishScheduled = false
    /// Whether the acknowledgement timer runs.
    public private(set) var ackTimerArmed = false
    /// Failures since the watermark last moved.
    public private(set) var consecutiveFailures = 0
    /// Batches sent so far.
    public private(set) var batchesSent = 0

    /// A sender whose peer has acknowledged `ackedSeq` (the persisted watermark) and whose origin's
    /// outbox ends at `headSeq`.
    public init(configuration: Configuration, ackedSeq: Int64, headSeq: Int64 = 0) {
        precondition(ackedSeq >= 0 && headSeq >= 0, "sequence numbers are never negative")
        self.configuration = configuration
        self.ackedSeq = ackedSeq
        sentUpTo = ackedSeq
        self.headSeq = headSeq
    }

    /// Events sent and not yet acknowledged.
    public var outstanding: Int64 { sentUpTo - ackedSeq }

    /// Whether the peer has acknowledged everything up to `seq`.
    public func hasAcknowledged(_ seq: Int64) -> Bool { ackedSeq >= seq }

    /// The origin's outbox grew to `headSeq` (a commit): publish soon.
    public mutating func outboxGrew(headSeq newHead: Int64) -> [Action] {
        precondition(newHead >= headSeq, "the outbox head never moves back: \(newHead) < \(headSeq)")
        headSeq = newHead
        var actions: [Action] = []
        schedulePublish(afterUs: configuration.publishDelayUs, into: &actions)
        return actions
    }

    /// The scheduled publish is due and the origin can send: fill the window with batches from
    /// `sentUpTo`, and start the timer if anything is outstanding.
    public mutating func publishDue() -> [Action] {
        precondition(publishScheduled, "publishDue without a scheduled publish")
        publishScheduled = false
        var actions: [Action] = []
        fillWindow(into: &actions)
        return actions
    }

    /// The scheduled publish is due but the origin cannot send (down, crashed): a failure.
    /// `draw` is a uniform 64-bit random value for the backoff's jitter.
    public mutating func publishBlocked(draw: UInt64) -> [Action] {
        precondition(publishScheduled, "publishBlocked without a scheduled publish")
        publishScheduled = false
        return failure(draw: draw)
    }

    /// The peer answered: it has applied everything up to `appliedSeq` from this origin, and
    /// `gap` says it saw an event missing before the batch. Progress restarts the timer (as TCP's
    /// retransmission timer does); a gap sends the sender back to the watermark.
    public mutating func acknowledged(appliedSeq: Int64, gap: Bool) -> [Action] {
        var actions: [Action] = []
        if appliedSeq > ackedSeq {
            precondition(appliedSeq <= headSeq, "peer acknowledged \(appliedSeq) past the outbox head \(headSeq)")
            ackedSeq = appliedSeq
            actions.append(.recordWatermark(appliedSeq))
            consecutiveFailures = 0
            cancelTimer(into: &actions)
            if sentUpTo > appliedSeq { armTimer(into: &actions) }
        }
        if gap {
            // An envelope before this one was lost or overtaken: go back to the watermark.
            sentUpTo = min(sentUpTo, resumePoint)
        }
        if sentUpTo < headSeq { fillWindow(into: &actions) }
        return actions
    }

    /// The peer refused the batch (bad signature, expired, unavailable...): a failure.
    public mutating func rejected(draw: UInt64) -> [Action] {
        failure(draw: draw)
    }

    /// The acknowledgement timer ran out: a failure.
    public mutating func ackTimedOut(draw: UInt64) -> [Action] {
        precondition(ackTimerArmed, "ackTimedOut without an armed timer")
        ackTimerArmed = false
        return failure(draw: draw)
    }

    /// The origin restarted after a crash, with `ackedSeq` reloaded from its durable watermark:
    /// forget what was in flight and publish again.
    public mutating func restarted(ackedSeq persisted: Int64) -> [Action] {
        var actions: [Action] = []
        cancelTimer(into: &actions)
        ackedSeq = persisted
        sentUpTo = resumePoint
        schedulePublish(afterUs: configuration.publishDelayUs, into: &actions)
        return actions
    }

    /// Where sending resumes after a failure, a reported gap or a restart. With `gap-fill`, from
    /// the peer's watermark, so whatever was lost is sent again; without it (fire and forget),
    /// past the last event sent, so whatever was lost stays lost.
    public var resumePoint: Int64 {
        configuration.fillsGaps ? ackedSeq : max(sentUpTo, ackedSeq)
    }

    /// The backoff after the `failures`-th consecutive failure, before jitter: `retryInitialUs`
    /// doubled per further failure, capped at `retryMaxUs`.
    public func backoffBaseUs(failures: Int) -> Int64 {
        precondition(failures >= 1, "backoff before any failure")
        let exponential = configuration.retryInitialUs << Int64(min(failures - 1, 30))
        return min(exponential, configuration.retryMaxUs)
    }

    /// Jitter within ±`spreadUs`, mapped from a uniform 64-bit draw (multiply-shift).
    public static func jitterUs(spreadUs: Int64, draw: UInt64) -> Int64 {
        guard spreadUs > 0 else { return 0 }
        return Int64(draw.multipliedFullWidth(by: UInt64(2 * spreadUs + 1)).high) - spreadUs
    }

    private mutating func fillWindow(into actions: inout [Action]) {
        sentUpTo = max(sentUpTo, ackedSeq)
        let windowEvents = Int64(configuration.window * configuration.batchSize)
        while sentUpTo - ackedSeq < windowEvents, sentUpTo < headSeq {
            let through = min(sentUpTo + Int64(configuration.batchSize), headSeq)
            actions.append(.send(afterSeq: sentUpTo, throughSeq: through))
            sentUpTo = through
            batchesSent += 1
        }
        if sentUpTo > ackedSeq, !ackTimerArmed { armTimer(into: &actions) }
    }

    /// A failure: stop the timer, go back to the resume point, and publish again after a backoff.
    private mutating func failure(draw: UInt64) -> [Action] {
        var actions: [Action] = []
        cancelTimer(into: &actions)
        sentUpTo = resumePoint
        consecutiveFailures = min(consecutiveFailures + 1, Self.maximumFailures)
        let base = backoffBaseUs(failures: consecutiveFailures)
        let jitter = Self.jitterUs(spreadUs: base / 10, draw: draw)
        schedulePublish(afterUs: max(Self.minimumBackoffUs, base + jitter), into: &actions)
        return actions
    }

    private mutating func schedulePublish(afterUs: Int64, into actions: inout [Action]) {
        guard !publishScheduled else { return }
        publishScheduled = true
        actions.append(.schedulePublish(afterUs: afterUs))
    }

    private mutating func armTimer(into actions: inout [Action]) {
        precondition(!ackTimerArmed, "two acknowledgement timers")
        ackTimerArmed = true
        actions.append(.armAckTimer(afterUs: configuration.ackTimeoutUs))
    }

    private mutating func cancelTimer(into actions: inout [Action]) {
        guard ackTimerArmed else { return }
        ackTimerArmed = false
        actions.append(.cancelAckTimer)
    }
}
