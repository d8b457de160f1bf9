import DequeModule
import HeapModule

/// A compute runtime's limits: the same API core runs under each, at different cost.
public struct RuntimeLimits: Sendable, Equatable {
    public var platform: String
    public var coldStartUs: Int64
    public var warmLatencyUs: Int64
    public var timeoutUs: Int64
    public var maxPayloadBytes: Int
    public var idleEvictionUs: Int64
    public var concurrency: Int
    /// A serverless database that sleeps after `databaseIdleAfterUs` and wakes in `databaseColdStartUs`.
    public var databaseIdleAfterUs: Int64?
    public var databaseColdStartUs: Int64
    /// The round trip from the runtime to its database (placed in another region or the same);
    /// every executed request pays it once.
    public var databaseRoundTripUs: Int64

    public init(
        platform: String, coldStartUs: Int64, warmLatencyUs: Int64, timeoutUs: Int64, maxPayloadBytes: Int,
        idleEvictionUs: Int64, concurrency: Int, databaseIdleAfterUs: Int64? = nil, databaseColdStartUs: Int64 = 0,
        databaseRoundTripUs: Int64 = 0
    ) {
        precondition(concurrency > 0 && timeoutUs > 0, "runtime limits must be positive")
        self.platform = platform; self.coldStartUs = coldStartUs; self.warmLatencyUs = warmLatencyUs
        self.timeoutUs = timeoutUs; self.maxPayloadBytes = maxPayloadBytes; self.idleEvictionUs = idleEvictionUs
        self.concurrency = concurrency; self.databaseIdleAfterUs = databaseIdleAfterUs
        self.databaseColdStartUs = databaseColdStartUs
        self.databaseRoundTripUs = databaseRoundTripUs
    }
}

/// The outcome of admitting one request to a runtime.
public enum InstanceAdmission: Sendable, Equatable {
    /// Runs after `startupUs` of cold start (zero when warm).
    case run(startupUs: Int64, cold: Bool)
    /// Every instance is busy and the concurrency limit is reached (Lambda's 429).
    case throttled
    /// No instance is warm and cold starts are failing (control-plane outage).
    case coldStartFailed
}

/// The simulator's model of the instance pool of one vertical's runtime (AWS Lambda, Scaleway
/// Functions, Fly Machines), not product code:
/// warm instances are reused most-recent-first, evicted after `idleEviction`, and a request that
/// finds none warm pays a cold start; at `concurrency` busy instances further requests are
/// throttled. All costs are virtual.
public struct RuntimeAdapter: Sendable {
    public let limits: RuntimeLimits
    /// Times at which busy instances become free.
    private var busyUntil = Heap<Int64>()
    /// Free instances by the time they became free, oldest first.
    private var idleSince = Deque<Int64>()
    private var databaseLastUsedUs: Int64?
    /// Counters.
    public private(set) var coldStarts = 0
    public private(set) var throttled = 0
    public private(set) var databaseWakeups = 0

    public init(limits: RuntimeLimits) {
        self.limits = limits
    }

    /// Instances busy or warm.
    public var instanceCount: Int { busyUntil.count + idleSince.count }

    /// Admits a request arriving at `nowUs`; `coldStartsFail` models a control-plane outage.
    public mutating func admit(nowUs: Int64, coldStartsFail: Bool = false) -> InstanceAdmission {
        while let first = busyUntil.min, first <= nowUs {
            idleSince.append(busyUntil.removeMin())
        }
        while let oldest = idleSince.first, nowUs - oldest > limits.idleEvictionUs {
            idleSince.removeFirst()
        }
        if idleSince.popLast() != nil {
            return .run(startupUs: 0, cold: false)
        }
        guard busyUntil.count < limits.concurrency else {
            throttled += 1
            return .throttled
        }
        guard !coldStartsFail else { return .coldStartFailed }
        coldStarts += 1
        return .run(startupUs: limits.coldStartUs, cold: true)
    }

    /// Marks the admitted instance busy until `untilUs`.
    public mutating func occupy(untilUs: Int64) {
        busyUntil.insert(untilUs)
        precondition(busyUntil.count <= limits.concurrency, "more busy instances than the concurrency limit")
    }

    /// Extra latency to wake a sleeping serverless database at `nowUs`, and records the use.
    public mutating func databaseWake(nowUs: Int64) -> Int64 {
        defer { databaseLastUsedUs = nowUs }
        guard let idleAfter = limits.databaseIdleAfterUs, let last = databaseLastUsedUs,
            nowUs - last > idleAfter
        else { return 0 }
        databaseWakeups += 1
        return limits.databaseColdStartUs
    }

    /// Forgets every instance (a crash).
    public mutating func reset() {
        busyUntil = Heap()
        idleSince = Deque()
    }
}
