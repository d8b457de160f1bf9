import Foundation
import Testing

@testable import Sim

/// Semantic bounds, cross-field checks and the work budget (issue 10, cases 3, 5, 6, 8 and 10):
/// every value `validate` used to accept and `run` then died on or ran for hours with is refused
/// at the line and column of the value to change.
@Suite("Scenario bounds")
struct ScenarioBoundsTests {
    static let header = "name: x\nduration: 10m\n"

    @Test(arguments: [
        // Case 5: Double -> Int64 overflow in the workload driver; Data(capacity:) of 900 TB.
        ("workload: {users: 5, rate: 1e-20/s}\n", 3, 28, "expected a rate like 20/s"),
        ("workload: {users: 5, rate: 0.000000001/s}\n", 3, 28, "gives 0 requests"),
        ("workload: {users: 5, rate: 5/s, attachment_size: 900000GB}\n", 3, 50, "900000GB is out of range"),
        // Case 6: absurd values.
        ("workload: {users: 1000000, rate: 5/s}\n", 3, 19, "1000000 is out of range"),
        ("workload: {users: 5, rate: 1000000/s}\n", 3, 28, "1000000/s is out of range"),
        ("workload: {users: 5, rate: 5/s, attachment_size: 500MB}\n", 3, 50, "500MB is out of range"),
        (
            "workload: {users: 5, rate: 5/s, attachment_size: 10MB}\n", 3, 50,
            "exceeds the max_payload of vertical aws (6MB)"
        ),
        (
            "topology: {use: standard, auth: {argon2: {memory: 4GiB, iterations: 64}}}\n", 3, 51,
            "4GiB is out of range"
        ),
        (
            "topology: {use: standard, auth: {argon2: {memory: 64KiB, iterations: 64}}}\n", 3, 70,
            "64 is out of range"
        ),
        (
            "topology: {use: standard, auth: {argon2: {memory: 8KiB, parallelism: 2}}}\n", 3, 51,
            "at least 8KiB per lane"
        ),
        (
            "topology: {use: standard, edge: {health_check: {interval: 1ms}}}\n", 3, 59,
            "1ms is out of range (expected 100ms to 1h)"
        ),
        // Case 8: hex floats are not numbers.
        ("workload: {users: 5, rate: 0x1F/s}\n", 3, 28, "expected a rate like 20/s"),
        ("expect: {availability: {glassbreak.io: 0x1F%}}\n", 3, 40, "expected a percentage like 99.9%"),
        ("expect: {lost_writes: 0x10}\n", 3, 23, "expected a count like 0"),
        // Case 10: a workload that sends nothing.
        ("workload: {users: 5, rate: 1/h}\n", 3, 28, "gives 0.167 requests"),
        // Case 3: a 300-character vertical id failed at run time with a raw NSError.
        (
            "topology:\n  verticals:\n    - {id: \(String(repeating: "v", count: 300)), platform: p, region: r, runtime: {cold_start: 0, warm_latency: 0, timeout: 1s, max_payload: 6MB, idle_eviction: 0, concurrency: 1}}\n  domains:\n    - {name: a.io, registrar: r, dns_ttl: 0, targets: [vvv]}\n",
            5, 12, "a name of 300 characters (expected at most 32)"
        ),
        ("seed: 9007199254740992\n", 3, 7, "out of range"),
        // A runtime that can never answer, a sync that can never be acknowledged.
        (
            "topology: {use: standard, verticals: [{id: a, platform: p, region: r, runtime: {cold_start: 2s, warm_latency: 0, timeout: 1s, max_payload: 6MB, idle_eviction: 0, concurrency: 1}}], domains: [{name: a.io, registrar: r, dns_ttl: 0, targets: [a]}]}\n",
            3, 123, "could never answer"
        ),
        ("seed: -1\n", 3, 7, "expected a whole number"),
        ("heal_timeout: 2d\n", 3, 15, "out of range"),
        ("faults:\n  - {at: 1m, kind: clock-skew, target: aws, offset: -2d}\n", 4, 53, "out of range"),
        (
            "topology: {use: standard, network: {links: {aws-scaleway: {latency: 1s}, scaleway-aws: {latency: 2s}}}}\n",
            3, 74, "is given twice"
        ),
        (
            "script:\n  - {at: 1s, user: alice, via: glassbreak.io, do: upload, runbook: r, name: \"a\\nb\"}\n", 4, 77,
            "label"
        ),
    ])
    func outOfBoundValueIsRefusedAtIt(body: String, line: Int, column: Int, message: String) {
        do {
            _ = try ScenarioLoader.parse(yaml: Self.header + body, file: "bad.yaml")
            Issue.record("expected an error containing \(message)")
        } catch {
            #expect(error.location == SourceLocation(file: "bad.yaml", line: line, column: column), "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func durationOf730000DaysIsRefused() {
        #expect(throws: ScenarioError.self) {
            try ScenarioLoader.parse(yaml: "name: x\nduration: 730000d\n", file: "x")
        }
    }

    /// Case 6: field by field reasonable, together hours of work.
    @Test(arguments: [
        ("duration: 30d\nworkload: {users: 100000, rate: 10000/s}\n", 3, 33, "(requests 3600h"),
        (
            "duration: 1h\ntopology: {use: standard, auth: {argon2: {memory: 1GiB, iterations: 16}}}\nworkload: {users: 1000, rate: 10/s}\n",
            3, 51, "Argon2 hashing 13h59m"
        ),
        (
            "duration: 1d\ntopology: {use: standard, verticals: [{id: a, platform: p, region: r, runtime: {cold_start: 0, warm_latency: 0, timeout: 1s, max_payload: 100MB, idle_eviction: 0, concurrency: 1}}], domains: [{name: a.io, registrar: r, dns_ttl: 0, targets: [a]}]}\nworkload: {users: 5, rate: 1/s, attachment_size: 100MB, surfaces: {a.io: 1}}\n",
            4, 50, "attachment writes 10h"
        ),
        (
            "duration: 30d\ntopology: {use: standard, sync: {retry: {initial: 1ms, max: 1ms}}}\nworkload: {users: 5, rate: 0.5/s}\nfaults:\n  - {at: 0, kind: partition, between: [aws, scaleway]}\n",
            3, 61, "sync resends"
        ),
    ])
    func workBeyondTheBudgetIsRefused(body: String, line: Int, column: Int, message: String) {
        do {
            _ = try ScenarioLoader.parse(yaml: "name: x\n" + body, file: "big.yaml")
            Issue.record("expected an error containing \(message)")
        } catch {
            #expect(error.location == SourceLocation(file: "big.yaml", line: line, column: column), "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.message.contains("--allow-large"), "\(error)")
        }
    }

    @Test func allowLargeRaisesTheBudgetTenfold() throws {
        let yaml = "name: x\nduration: 1h\nworkload: {users: 1000, rate: 1200/s}\n"  // 4.32M requests x 2 verticals
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(yaml: yaml, file: "x") }
        let scenario = try ScenarioLoader.parse(
            yaml: yaml, file: "x", options: ScenarioLoader.Options(allowLarge: true))
        #expect(WorkEstimate(scenario).requestWork == 8_640_000)
        #expect(WorkEstimate(scenario).seconds > WorkBudget.standard.maxSeconds)
    }

    @Test func libraryScenariosFitTheStandardBudget() throws {
        for path in try ScenarioFiles.all() + ScenarioFiles.bench() {
            let work = WorkEstimate(try ScenarioLoader.load(path: path))
            #expect(work.seconds <= WorkBudget.standard.maxSeconds, "\(path)")
        }
    }

    /// Probes alone cannot exceed the budget (30 days every 100 ms on 8 targets is about two
    /// minutes), but they are counted.
    @Test func probesAreEstimated() throws {
        let scenario = try ScenarioLoader.parse(
            yaml: "name: x\nduration: 30d\ntopology: {use: standard, edge: {health_check: {interval: 100ms}}}\n",
            file: "x")
        #expect(WorkEstimate(scenario).probes == 2 * 25_920_000)
    }

    /// An acknowledgement timeout below a link's round trip makes every send time out: the
    /// resend estimate then covers the whole run, not only the faults.
    @Test func shortAckTimeoutCountsResendsOverTheWholeRun() throws {
        let base =
            "name: x\nduration: 1d\nworkload: {users: 5, rate: 0.5/s}\ntopology: {use: standard, sync: {ack_timeout: "
        let fine = WorkEstimate(try ScenarioLoader.parse(yaml: base + "2s}}\n", file: "x"))
        let yaml = base + "100ms, retry: {initial: 1ms, max: 1ms}}}\n"
        #expect(fine.syncResendRows < 1_000_000)
        do {
            _ = try ScenarioLoader.parse(yaml: yaml, file: "x")
            Issue.record("expected the resend budget to refuse it")
        } catch {
            #expect(error.message.contains("sync resends"), "\(error)")
        }
    }

    @Test func builtinTopologiesFitTheirBounds() throws {
        for name in BuiltinTopologies.names {
            _ = try ScenarioLoader.parse(yaml: "name: x\nduration: 1m\ntopology: \(name)\n", file: name)
        }
    }

    /// Every bound's extremes that the loader accepts run without trapping: the second line of
    /// defence (checked conversions, preconditions) is never reached by an accepted value.
    @Test func extremeAcceptedValuesRunWithoutTrapping() throws {
        let yaml = """
            name: extremes
            duration: 500ms
            heal_timeout: 1s
            seed: 9007199254740991
            topology:
              verticals:
                - {id: \(String(repeating: "a", count: 32)), platform: p, region: r, runtime: {cold_start: 10m, warm_latency: 1m, timeout: 1h, max_payload: 100MB, idle_eviction: 0, concurrency: 1}}
                - {id: b, platform: p, region: r, runtime: {cold_start: 0, warm_latency: 0, timeout: 1ms, max_payload: 100MB, idle_eviction: 1d, concurrency: 100000}, database_idle: {after: 1ms, cold_start: 1m}}
              domains:
                - {name: e.io, registrar: r, dns_ttl: 7d, edge: f, targets: [\(String(repeating: "a", count: 32)), b]}
                - {name: b.io, registrar: r, dns_ttl: 0, targets: [b]}
              edge: {name: f, health_check: {interval: 100ms, timeout: 1m, window: 64, threshold: 64, initial: 0}}
              network: {links: {default: {latency: 1m, jitter: 1m}}, client: {latency: 0, jitter: 0}}
              sync: {batch: 1000, publish_delay: 1m, retry: {initial: 1m, max: 1h}, tolerance: 1s, ack_timeout: 1h, window: 16}
              auth: {argon2: {memory: 8KiB, iterations: 1, parallelism: 1}, access_ttl: 1s, refresh_ttl: 1s}
            workload: {users: 100000, rate: 10000/s, attachment_size: 1B, mix: {upload: 1}}
            script:
              - {at: 0, user: u, via: b.io, do: upload, runbook: r, name: n}
            faults:
              - {at: 0, kind: clock-skew, target: b, offset: -1d}
              - {at: 0, for: 1ms, kind: link-latency, between: [b, \(String(repeating: "a", count: 32))], latency: 1m, jitter: 1m}
              - {at: 100ms, kind: edge-error, target: f, count: 1000000000}
            expect: {lost_writes: 1000000000, convergence_time: 1d, availability: {e.io: 0%}}
            """
        let result = try simulate(yaml)
        #expect(result.requests > 0)
    }

    @Test func boundsTableNamesEveryBoundOnce() {
        let fields = ScenarioBounds.all.map(\.field)
        #expect(Set(fields).count == fields.count)
        #expect(ScenarioBounds.markdownTable().contains("| `workload.rate` | above 0/s, at most 10000/s"))
    }
}
