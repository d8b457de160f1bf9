import Mechanisms
import Verticals

/// The bound of every numeric field of the scenario format, in one place.
///
/// Chosen so that no accepted scenario can trap the simulator (every product of these values fits
/// in 64 bits with room to spare) and, together with ``WorkBudget``, so that the largest accepted
/// scenario finishes in well under an hour on a 2-core machine. Values come from the providers'
/// documented limits where they exist (Lambda's 15 min timeout, DNS TTLs of up to a week) and
/// otherwise from what a simulation of minutes to days can use.
public enum ScenarioBounds {
    static let ms = Double(VirtualTime.ms)
    static let second = Double(VirtualTime.second)
    static let minute = Double(VirtualTime.minute)
    static let hour = Double(VirtualTime.hour)
    static let day = Double(VirtualTime.day)

    // MARK: Scenario

    public static let duration = FieldBound("duration", .duration, ms, 30 * day)
    public static let healTimeout = FieldBound("heal_timeout", .duration, second, day)
    /// Seeds are printed in result.json; 2^53 - 1 is the largest integer every JSON reader keeps exact.
    public static let seed = FieldBound("seed", .count, 0, 9_007_199_254_740_991, note: "also `simctl run --seed`")

    // MARK: Workload and script

    public static let users = FieldBound("workload.users", .count, 1, 100_000)
    public static let rate = FieldBound(
        "workload.rate", .rate, 0, 10_000, minimumExcluded: true,
        note: "`rate` × `duration` must give at least one request")
    public static let weight = FieldBound(
        "workload.mix.*, workload.surfaces.*", .fraction, 0, 1, note: "the weights sum to 1")
    public static let footerIndicator = FieldBound(
        "workload.footer_indicator", .fraction, 0, 1, note: "a share of the users, like 0.1")
    public static let attachmentSize = FieldBound(
        "workload.attachment_size", .size, 1, 100_000_000, note: "at most every vertical's `max_payload`")
    public static let at = FieldBound(
        "script[].at, faults[].at", .duration, 0, 30 * day, note: "before `duration` ends")
    public static let scriptSteps = FieldBound("script (steps)", .count, 0, 10_000)
    public static let stepCode = FieldBound("script[].code", .count, 1, 10)
    public static let expectStatus = FieldBound("script[].expect_status", .count, 100, 599)

    // MARK: Faults

    public static let faults = FieldBound("faults (entries)", .count, 0, 1_000)
    public static let faultFor = FieldBound("faults[].for", .duration, ms, 30 * day)
    public static let faultRate = FieldBound("faults[].rate", .fraction, 0, 1)
    public static let faultCount = FieldBound("faults[].count", .count, 1, 1_000_000_000)
    public static let faultOffset = FieldBound("faults[].offset", .duration, -day, day)
    public static let faultLatency = FieldBound("faults[].latency", .duration, 0, minute)
    public static let faultJitter = FieldBound("faults[].jitter", .duration, 0, minute, note: "at most `latency`")
    public static let ablations = FieldBound(
        "ablate (entries)", .count, 0, Double(Ablation.allCases.count), note: "each name once")

    // MARK: Topology

    public static let verticals = FieldBound("topology.verticals (entries)", .count, 1, 8)
    public static let domains = FieldBound("topology.domains (entries)", .count, 1, 16)
    public static let coldStart = FieldBound("runtime.cold_start", .duration, 0, 10 * minute)
    public static let warmLatency = FieldBound("runtime.warm_latency", .duration, 0, minute)
    public static let timeout = FieldBound(
        "runtime.timeout", .duration, ms, hour, note: "at least `cold_start` + `warm_latency`")
    public static let maxPayload = FieldBound("runtime.max_payload", .size, 1, 100_000_000)
    public static let idleEviction = FieldBound("runtime.idle_eviction", .duration, 0, day)
    public static let concurrency = FieldBound("runtime.concurrency", .count, 1, 100_000)
    public static let databaseIdleAfter = FieldBound("database_idle.after", .duration, ms, day)
    public static let databaseColdStart = FieldBound("database_idle.cold_start", .duration, 0, minute)
    public static let dnsTTL = FieldBound("domains[].dns_ttl", .duration, 0, 7 * day)
    public static let healthInterval = FieldBound("health_check.interval", .duration, 100 * ms, hour)
    public static let healthTimeout = FieldBound("health_check.timeout", .duration, ms, minute)
    public static let healthWindow = FieldBound("health_check.window", .count, 1, 64)
    public static let healthThreshold = FieldBound("health_check.threshold", .count, 1, 64, note: "at most `window`")
    public static let healthInitial = FieldBound("health_check.initial", .count, 0, 64, note: "at most `window`")
    public static let linkLatency = FieldBound("network.links.*.latency, network.client.latency", .duration, 0, minute)
    public static let linkJitter = FieldBound(
        "network.links.*.jitter, network.client.jitter", .duration, 0, minute, note: "at most `latency`")
    public static let syncBatch = FieldBound("sync.batch", .count, 1, 1_000)
    public static let publishDelay = FieldBound("sync.publish_delay", .duration, 0, minute)
    public static let retryInitial = FieldBound("sync.retry.initial", .duration, ms, minute)
    public static let retryMax = FieldBound("sync.retry.max", .duration, ms, hour, note: "at least `retry.initial`")
    public static let tolerance = FieldBound("sync.tolerance", .duration, second, day)
    public static let ackTimeout = FieldBound("sync.ack_timeout", .duration, ms, hour)
    public static let syncWindow = FieldBound("sync.window", .count, 1, 16)
    public static let argon2Memory = FieldBound(
        "auth.argon2.memory", .size, 8 * 1024, 1024 * 1024 * 1024,
        note: "a whole number of KiB, at least 8KiB × `parallelism` (libargon2)")
    public static let argon2Iterations = FieldBound("auth.argon2.iterations", .count, 1, 16)
    public static let argon2Parallelism = FieldBound("auth.argon2.parallelism", .count, 1, 16)
    public static let accessTTL = FieldBound("auth.access_ttl", .duration, second, 30 * day)
    public static let refreshTTL = FieldBound("auth.refresh_ttl", .duration, second, 365 * day)
    public static let relatedOrigins = FieldBound(
        "auth.webauthn.related_origins (entries)", .count, 0, Double(WebAuthnPolicy.maxRelatedOrigins),
        note: "each `https://` and a domain name, no port or path")

    // MARK: Expectations

    public static let expectCount = FieldBound("expect (counts)", .count, 0, 1_000_000_000)
    public static let expectDuration = FieldBound("expect (durations)", .duration, 0, day)

    /// Every bound, in the order of the docs' table.
    public static let all: [FieldBound] = [
        duration, healTimeout, seed, users, rate, weight, footerIndicator, attachmentSize, at, scriptSteps, stepCode,
        expectStatus,
        faults, faultFor, faultRate, faultCount, faultOffset, faultLatency, faultJitter, ablations, verticals, domains,
        coldStart, warmLatency, timeout, maxPayload, idleEviction, concurrency, databaseIdleAfter,
        databaseColdStart, dnsTTL, healthInterval, healthTimeout, healthWindow, healthThreshold, healthInitial,
        linkLatency, linkJitter, syncBatch, publishDelay, retryInitial, retryMax, tolerance, ackTimeout,
        syncWindow, argon2Memory, argon2Iterations, argon2Parallelism, accessTTL, refreshTTL, relatedOrigins,
        expectCount,
        expectDuration,
    ]

    /// The docs' table of bounds (docs/scenario-format.md holds exactly these lines).
    public static func markdownTable() -> String {
        (["| field | accepted |", "|---|---|"] + all.map(\.markdownRow)).joined(separator: "\n")
    }
}
