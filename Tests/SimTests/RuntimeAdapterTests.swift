import Testing

@testable import Sim

/// The simulator's runtime model (cold starts, throttling, eviction, a serverless database).
@Suite("Runtime adapter")
struct RuntimeAdapterTests {
    let limits = RuntimeLimits(
        platform: "aws-lambda", coldStartUs: 250_000, warmLatencyUs: 15_000, timeoutUs: 29_000_000,
        maxPayloadBytes: 6_000_000, idleEvictionUs: 600_000_000, concurrency: 2,
        databaseIdleAfterUs: 300_000_000, databaseColdStartUs: 2_000_000)

    @Test func coldThenWarmThenEvictedAfterIdle() {
        var runtime = RuntimeAdapter(limits: limits)
        let outcome1 = runtime.admit(nowUs: 0)
        #expect(outcome1 == .run(startupUs: 250_000, cold: true))
        runtime.occupy(untilUs: 265_000)
        let outcome2 = runtime.admit(nowUs: 1_000_000)
        #expect(outcome2 == .run(startupUs: 0, cold: false))
        runtime.occupy(untilUs: 1_015_000)
        let outcome3 = runtime.admit(nowUs: 1_015_000 + 600_000_001)
        #expect(outcome3 == .run(startupUs: 250_000, cold: true))
    }

    @Test func throttlesAtTheConcurrencyLimitAndFailsColdStartsInAControlPlaneOutage() {
        var runtime = RuntimeAdapter(limits: limits)
        for _ in 0..<2 {
            let outcome4 = runtime.admit(nowUs: 0)
            #expect(outcome4 == .run(startupUs: 250_000, cold: true))
            runtime.occupy(untilUs: 10_000_000)
        }
        let outcome5 = runtime.admit(nowUs: 1)
        #expect(outcome5 == .throttled)
        var fresh = RuntimeAdapter(limits: limits)
        let outcome6 = fresh.admit(nowUs: 0, coldStartsFail: true)
        #expect(outcome6 == .coldStartFailed)
    }

    @Test func serverlessDatabaseWakesWithAColdStartAfterIdling() {
        var runtime = RuntimeAdapter(limits: limits)
        let outcome7 = runtime.databaseWake(nowUs: 0)
        #expect(outcome7 == 0)
        let outcome8 = runtime.databaseWake(nowUs: 200_000_000)
        #expect(outcome8 == 0)
        let outcome9 = runtime.databaseWake(nowUs: 600_000_000)
        #expect(outcome9 == 2_000_000)
        #expect(runtime.databaseWakeups == 1)
    }
}
