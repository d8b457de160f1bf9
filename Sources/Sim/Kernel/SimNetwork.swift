/// The conditions of one direction of a link between two verticals.
public struct LinkConditions: Equatable, Sendable {
    /// One-way latency before jitter, in microseconds.
    public var latencyUs: Int64
    /// Uniform jitter added to the latency, in `-jitterUs...jitterUs`.
    public var jitterUs: Int64
    /// Probability that a message is silently lost.
    public var lossRate: Double = 0
    /// Probability that a message is delivered twice.
    public var duplicationRate: Double = 0
    /// Probability that a message may overtake earlier ones (it skips the link's FIFO order).
    public var reorderRate: Double = 0
    /// True while the link is cut (a partition): messages sent or due are dropped.
    public var isCut: Bool = false
    /// The latency and jitter to restore when a latency fault ends.
    public var savedLatency: (Int64, Int64)?

    public static func == (lhs: LinkConditions, rhs: LinkConditions) -> Bool {
        lhs.latencyUs == rhs.latencyUs && lhs.jitterUs == rhs.jitterUs && lhs.lossRate == rhs.lossRate
            && lhs.duplicationRate == rhs.duplicationRate && lhs.reorderRate == rhs.reorderRate
            && lhs.isCut == rhs.isCut
    }

    /// Conditions with the given latency and jitter and no faults.
    public init(latencyUs: Int64, jitterUs: Int64) {
        precondition(
            latencyUs >= 0 && jitterUs >= 0 && jitterUs <= latencyUs,
            "latency \(latencyUs) and jitter \(jitterUs) must satisfy 0 <= jitter <= latency")
        self.latencyUs = latencyUs
        self.jitterUs = jitterUs
    }
}

/// What happened to one message handed to the network.
public enum SendOutcome: Equatable, Sendable {
    /// Scheduled for delivery after `delayUs` (and a second copy when duplicated); `reordered`
    /// when it was let out of the link's FIFO order.
    case scheduled(delayUs: Int64, duplicated: Bool, reordered: Bool)
    /// Dropped by a loss fault.
    case lost
    /// Dropped because the link is cut.
    case partitioned
    /// Dropped because too many messages were already in flight on the link.
    case overflow
}

/// Counters of what the network did, for the result and the checkers.
public struct NetworkCounters: Equatable, Sendable {
    public var sent = 0
    public var delivered = 0
    public var lost = 0
    public var partitioned = 0
    public var duplicated = 0
    public var reordered = 0
    public var overflowed = 0
}

/// The simulated network between verticals: bounded latency and jitter, FIFO per direction
/// unless a reorder fault lets a message skip ahead, loss, duplication and (one-way) partitions.
///
/// Every direction `a>b` draws from its own random stream, so traffic on one link never shifts
/// the draws of another. A message is checked against the link both when sent and when due: one
/// in flight when a partition starts is dropped, as a TCP connection would be.
public final class SimNetwork {
    private let queue: EventQueue
    private let random: SimRandom
    private let defaultConditions: LinkConditions
    private var links: [String: Link] = [:]
    /// What the network has done so far.
    public private(set) var counters = NetworkCounters()
    /// The most messages that may be in flight on one direction at once.
    public let maxInFlightPerLink: Int

    final class Link {
        var conditions: LinkConditions
        var rng: Xoshiro256
        var lastDeliveryUs: Int64 = 0
        var inFlight = 0
        init(conditions: LinkConditions, rng: Xoshiro256) {
            self.conditions = conditions
            self.rng = rng
        }
    }

    /// Creates a network whose links start with `defaultConditions`, overridden per pair by
    /// `pairConditions` (keyed by an unordered pair, `"aws|scaleway"` with ids sorted).
    public init(
        queue: EventQueue, random: SimRandom, defaultConditions: LinkConditions,
        pairConditions: [String: LinkConditions] = [:], maxInFlightPerLink: Int = 100_000
    ) {
        self.queue = queue
        self.random = random
        self.defaultConditions = defaultConditions
        self.maxInFlightPerLink = maxInFlightPerLink
        self.pairOverrides = pairConditions
    }

    private let pairOverrides: [String: LinkConditions]

    /// The unordered key of a pair of endpoints, as `pairConditions` expects.
    public static func pairKey(_ a: String, _ b: String) -> String {
        a < b ? "\(a)|\(b)" : "\(b)|\(a)"
    }

    private func link(_ from: String, _ to: String) -> Link {
        let key = "\(from)>\(to)"
        if let existing = links[key] { return existing }
        let conditions = pairOverrides[Self.pairKey(from, to)] ?? defaultConditions
        let created = Link(conditions: conditions, rng: random.stream("net.\(key)"))
        links[key] = created
        return created
    }

    /// Changes the direction `from` → `to` (faults use this to cut, slow or degrade a link).
    public func update(from: String, to: String, _ change: (inout LinkConditions) -> Void) {
        change(&link(from, to).conditions)
    }

    /// Sends one message; `deliver` runs at the receiver when (and each time) it arrives.
    @discardableResult
    public func send(from: String, to: String, deliver: @escaping () -> Void) -> SendOutcome {
        let link = link(from, to)
        counters.sent += 1
        let conditions = link.conditions
        // Always make the same draws, whatever the conditions, so that a fault on this link
        // changes which messages it hits but not the stream's alignment.
        let lossDraw = link.rng.unitDouble()
        let duplicateDraw = link.rng.unitDouble()
        let reorderDraw = link.rng.unitDouble()
        let jitter = link.rng.jitter(conditions.jitterUs)
        let duplicateJitter = link.rng.jitter(conditions.jitterUs)
        if conditions.isCut {
            counters.partitioned += 1
            return .partitioned
        }
        if lossDraw < conditions.lossRate {
            counters.lost += 1
            return .lost
        }
        guard link.inFlight < maxInFlightPerLink else {
            counters.overflowed += 1
            return .overflow
        }
        let now = queue.nowUs
        var dueUs = now + conditions.latencyUs + jitter
        let reordered = reorderDraw < conditions.reorderRate
        if reordered {
            counters.reordered += 1
        } else {
            dueUs = max(dueUs, link.lastDeliveryUs)
            link.lastDeliveryUs = dueUs
        }
        schedule(on: link, from: from, to: to, atUs: dueUs, deliver)
        let duplicated = duplicateDraw < conditions.duplicationRate
        if duplicated {
            counters.duplicated += 1
            let copyDueUs = max(now + conditions.latencyUs + duplicateJitter, dueUs)
            schedule(on: link, from: from, to: to, atUs: copyDueUs, deliver)
        }
        return .scheduled(delayUs: dueUs - now, duplicated: duplicated, reordered: reordered)
    }

    private func schedule(
        on link: Link, from: String, to: String, atUs: Int64,
        _ deliver: @escaping () -> Void
    ) {
        link.inFlight += 1
        queue.schedule(atUs: atUs) { [self] in
            link.inFlight -= 1
            if link.conditions.isCut {
                counters.partitioned += 1
                return
            }
            counters.delivered += 1
            deliver()
        }
    }

    /// Messages currently in flight on all links.
    public var inFlight: Int {
        links.values.reduce(0) { $0 + $1.inFlight }
    }
}
