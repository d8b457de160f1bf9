import Foundation
import GRDB
import TestSupport
import Testing
import Verticals

@testable import Sim

/// Campaigns: seeds in parallel give what they give alone, shards cover the range once, merging
/// is order-independent, and output folders are claimed safely.
@Suite("Fuzz campaigns", .serialized)
struct FuzzCampaignTests {
    /// A tiny base: 15 virtual seconds, a handful of users, so a seed costs little in a debug build.
    static let tinyYAML = """
        name: tiny
        duration: 15s
        topology:
          use: standard
          auth: {argon2: {memory: 64KiB, iterations: 1}}
        workload: {users: 4, rate: 3/s}
        fuzz:
          faults: 0..3
          fault_duration: 1s..10s
        """

    static func tiny() throws -> Scenario { try ScenarioLoader.parse(yaml: tinyYAML, file: "tiny.yaml") }

    @Test func shardsTogetherEqualTheUnshardedRunSeedForSeed() throws {
        let base = try Self.tiny()
        let whole = try fuzz(base, seeds: 1...9, jobs: 2).outcomes
        #expect(whole.map(\.seed) == Array(1...9))
        var union: [FuzzSeedOutcome] = []
        for k in 1...3 {
            let shard = try fuzz(base, seeds: 1...9, shard: (k, 3), jobs: 1).outcomes
            #expect(shard.map(\.seed) == Array(stride(from: UInt64(k), through: 9, by: 3)))
            union += shard
        }
        union.sort { $0.seed < $1.seed }
        #expect(union.count == whole.count)
        for (a, b) in zip(union, whole) { #expect(a.sameVerdict(as: b), "seed \(a.seed)") }
    }

    @Test func parallelSeedsRunExactlyAsTheyDoAlone() throws {
        let drawer = ScenarioDrawer(base: try Self.tiny())
        let seeds = Array(UInt64(1)...6)
        func hashes(jobs: Int) throws -> [UInt64: String] {
            let folder = TemporaryFolder("parallel")
            defer { folder.cleanup() }
            let results = HashCollector()
            DispatchQueue.concurrentPerform(iterations: jobs) { worker in
                for seed in seeds where Int(seed) % jobs == worker {
                    let runFolder = folder.url.appendingPathComponent("seed-\(seed)")
                    do {
                        let result = try Simulation(scenario: drawer.draw(seed: seed), directory: runFolder).run()
                        results.set(seed, result.traceSHA256)
                    } catch {
                        results.set(seed, "error: \(error)")
                    }
                }
            }
            return results.all
        }
        let alone = try hashes(jobs: 1)
        let together = try hashes(jobs: 3)
        #expect(alone.count == seeds.count)
        #expect(alone == together)
    }

    @Test(arguments: [(1, 1), (1, 3), (2, 3), (3, 3), (5, 7), (7, 7)])
    func slicesAreDisjointAndCoverTheRange(k: Int, n: Int) {
        let all = (1...n).flatMap { SeedSelection(first: 10, last: 40, shard: $0, shards: n).seeds }
        #expect(all.sorted() == Array(10...40))
        let slice = SeedSelection(first: 10, last: 40, shard: k, shards: n)
        #expect(slice.seeds.count == slice.count)
        #expect(slice.seeds.allSatisfy { ($0 - 10) % UInt64(n) == UInt64(k - 1) })
    }

    @Test(arguments: [
        ("1..0", nil as String?), ("x..5", nil), ("5", nil), ("1..10", "0/2"), ("1..10", "3/2"), ("1..10", "1/0"),
        ("1..10", "a/b"), ("0..1000000000", nil),
    ])
    func badSeedsAndShardsAreRefused(seeds: String, shard: String?) {
        #expect(throws: FuzzRequestError.self) { try SeedSelection.parse(seeds: seeds, shard: shard) }
    }

    @Test func mergeIsTheSameInAnyOrderAndCountsMissingSeeds() throws {
        func lines(_ seeds: [UInt64], shard: String, failing: UInt64? = nil) -> String {
            let outcomes = seeds.map { seed in
                var outcome = FuzzSeedOutcome(
                    seed: seed, pass: seed != failing, failed: seed == failing ? ["lost_writes"] : [], faults: 2,
                    requests: 100, wallMs: 5)
                if seed == failing { outcome.scenarioFile = "f/x-seed\(seed).yaml" }
                return outcome
            }
            let parts = shard.split(separator: "/").map { Int($0)! }
            let summary = FuzzSummary.campaign(
                base: "x", selection: SeedSelection(first: 1, last: 6, shard: parts[0], shards: parts[1]),
                outcomes: outcomes, wallMs: 30)
            return (outcomes.map { $0.json().serialized() } + [summary.json().serialized()]).joined(separator: "\n")
        }
        let a = ("a.jsonl", lines([1, 3, 5], shard: "1/2", failing: 3))
        let b = ("b.jsonl", lines([2, 4, 6], shard: "2/2"))
        let forward = try FuzzSummary.merge([a, b])
        let backward = try FuzzSummary.merge([b, a])
        #expect(forward == backward)
        #expect(forward.json().serialized() == backward.json().serialized())
        #expect(forward.seeds == 6 && forward.failed == 1 && forward.missing == 0 && forward.complete)
        #expect(forward.checks == ["lost_writes": 1])
        #expect(forward.failures.first?.scenarioFile == "f/x-seed3.yaml")
        let partial = try FuzzSummary.merge([a])
        #expect(partial.missing == 3 && !partial.complete)
        #expect(try FuzzSummary.merge([a, a]).duplicates == 3)
        #expect(throws: FuzzMergeError.self) { try FuzzSummary.merge([("bad.jsonl", "{\"seed\": 1}\nnot json")]) }
    }

    /// A line `simctl fuzz merge` cannot use is named by file, line and column with what is wrong,
    /// never skipped.
    @Test(arguments: [
        ("not json", "bad.jsonl:2:1: expected null"),
        (#"{"seed": 1, "pass": true"#, "bad.jsonl:2:25: "),
        ("[1, 2]", "bad.jsonl:2:1: expected a JSON object"),
        (#"  "text""#, "bad.jsonl:2:3: expected a JSON object"),
        (#"{"pass": true}"#, "bad.jsonl:2:1: missing field `seed`"),
        (#"{"seed": 2, "pass": "yes", "failed": [], "faults": 1, "requests": 3, "wall_ms": 4}"#, "field `pass`"),
        (#"{"seed": 2, "pass": true, "failed": [3], "faults": 1, "requests": 3, "wall_ms": 4}"#, "field `failed`"),
        (#"{"seed": 2, "pass": true, "failed": [], "faults": -1, "requests": 3, "wall_ms": 4}"#, "field `faults`"),
        (#"{"seed": 2, "pass": true, "failed": [], "faults": 1, "requests": 3.5, "wall_ms": 4}"#, "field `requests`"),
        (
            #"{"seed": 2, "pass": true, "failed": [], "faults": 1, "requests": 3, "wall_ms": 4, "min": 5}"#,
            "field `min`"
        ),
        (#"{"summary": true, "bases": ["x"], "seeds_range": "1..3", "shards": []}"#, "summary field `seeds_range`"),
        (#"{"summary": true, "bases": ["x"], "shards": []}"#, "summary line without `seeds_range`"),
    ])
    func anUnusableLineIsNamedNotSkipped(line: String, expected: String) {
        let good = #"{"seed": 1, "pass": true, "failed": [], "faults": 0, "requests": 9, "wall_ms": 2}"#
        do {
            _ = try FuzzSummary.merge([("bad.jsonl", good + "\n" + line + "\n")])
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.hasPrefix("bad.jsonl:2:"), "\(error.description)")
        }
    }

    @Test func aCampaignSummaryLineMergesBackToItself() throws {
        let temporary = TemporaryFolder("lines")
        defer { temporary.cleanup() }
        let base = try Self.tiny()
        let (summary, _) = try fuzz(
            base, seeds: 3...6, jobs: 2,
            inspect: { folder in
                let text = try String(contentsOf: folder.seedLines, encoding: .utf8)
                #expect(text.split(separator: "\n").count == 5, "four seed lines and a summary")
                let merged = try FuzzSummary.merge([("seeds.jsonl", text)])
                #expect(merged.seeds == 4 && merged.complete && merged.ranges == ["3..6"])
                #expect(!FileManager.default.fileExists(atPath: folder.work.path), "the work folder is removed")
            })
        #expect(summary.seeds == 4)
        // The campaign reports what a seed costs in processor time (a merge cannot know it).
        #expect((summary.cpuMsPerSeed ?? 0) > 0)
        #expect(summary.json().serialized().contains(#""cpu_ms_per_seed":"#))
        #expect(FuzzReport.summary(summary, merged: false).contains("ms CPU a seed)"))
    }

    @Test func aFolderThatIsNotACampaignsIsNeverWrittenInto() throws {
        let temporary = TemporaryFolder("claimed")
        defer { temporary.cleanup() }
        try FileManager.default.createDirectory(at: temporary.url, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: temporary.url.appendingPathComponent("notes.txt"))
        let selection = SeedSelection(first: 1, last: 2)
        #expect(throws: FuzzRequestError.self) { try FuzzOutputFolder(url: temporary.url, selection: selection) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == ["notes.txt"])
        let fresh = temporary.url.appendingPathComponent("fresh")
        do {
            let running = try FuzzOutputFolder(url: fresh, selection: selection)
            #expect(throws: FuzzRequestError.self, "a second campaign of the same slice is refused") {
                try FuzzOutputFolder(url: fresh, selection: selection)
            }
            #expect(FileManager.default.fileExists(atPath: running.work.path))
        }
        _ = try FuzzOutputFolder(url: fresh, selection: selection)  // an earlier campaign's folder is reused
        #expect(FileManager.default.fileExists(atPath: fresh.appendingPathComponent(FuzzOutputFolder.marker).path))
    }

    @Test func ablationsAreAppliedToEveryDrawnScenarioAndWrittenOut() throws {
        #expect(throws: Never.self) { try FuzzAblations.validate([]) }
        #expect(throws: Never.self) { try FuzzAblations.validate(["consumer-flag", "gap-fill"]) }
        do {
            try FuzzAblations.validate(["consumer-flags"])
            Issue.record("accepted an unknown ablation")
        } catch {
            #expect(
                error.description.hasPrefix(
                    "--ablate consumer-flags: unknown ablation (expected one of: consumer-flag, "))
        }
        let base = try ScenarioLoader.parse(yaml: Self.tinyYAML, file: "tiny.yaml")
        let drawer = ScenarioDrawer(base: base, ablations: ["gap-fill", "consumer-flag"])
        let drawn = drawer.draw(seed: 3)
        #expect(drawn.ablations.names == ["consumer-flag", "gap-fill"])
        let text = ScenarioWriter.yaml(drawn)
        #expect(text.contains("\nablate: [consumer-flag, gap-fill]\n"))
        let again = try ScenarioLoader.parse(yaml: text, file: "again.yaml")
        #expect(again.ablations == drawn.ablations, "a failure file reproduces the ablations with plain simctl run")
    }

    @Test func progressLinesSayHowFarAndHowFast() {
        let progress = FuzzProgress(done: 340, total: 1000, failures: 2, elapsedMs: 20_000)
        #expect(progress.line(base: "fuzz-small") == "fuzz-small: 340/1000 seeds, 2 failed, 1020 seeds/min, 39s left")
        #expect(FuzzProgress(done: 0, total: 5, failures: 0, elapsedMs: 0).line(base: "b") == "b: 0/5 seeds, 0 failed")
        #expect(FuzzProgress.clock(3_723_000) == "1h02m")
        #expect(FuzzProgress.clock(245_000) == "4m05s")
    }
}

/// Trace hashes by seed, filled from several threads.
final class HashCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var hashes: [UInt64: String] = [:]

    func set(_ seed: UInt64, _ hash: String) { lock.withLock { hashes[seed] = hash } }
    var all: [UInt64: String] { lock.withLock { hashes } }
}

/// A campaign runs thousands of worlds in one process: each must be freed (its SQLite files,
/// logs and trace closed) once its seed is judged, or file descriptors and memory run out.
@Suite("Fuzz worlds are freed")
struct FuzzWorldLifetimeTests {
    @Test func everySeedsWorldIsFreedAfterItsRun() throws {
        let base = try ScenarioLoader.parse(yaml: FuzzCampaignTests.tinyYAML, file: "tiny.yaml")
        let drawer = ScenarioDrawer(base: base)
        let folder = TemporaryFolder("lifetime")
        defer { folder.cleanup() }
        for seed in UInt64(1)...4 {
            let watch = WeakWorld()
            let runner = FuzzSeedRunner(
                work: folder.url,
                plant: {
                    watch.world = $0
                    watch.vertical = $0.nodes[0].vertical
                    watch.database = $0.nodes[0].vertical.database
                    watch.queue = $0.nodes[0].vertical.database.queue
                    watch.consumer = $0.nodes[0].vertical.consumer
                    watch.publisher = $0.nodes[0].vertical.publisher
                })
            let result = try runner.run(drawer.draw(seed: seed), tag: "seed-\(seed)")
            #expect(result.requests > 0)
            #expect(
                watch.world == nil,
                "seed \(seed): the world outlived its run (\(drawer.draw(seed: seed).faults.map(\.kind.rawValue)))")
            let open = Self.openFiles(under: folder.url.path)
            #expect(open.isEmpty, "seed \(seed): \(open.count) files left open, first \(open.first ?? "")")
            #expect(watch.vertical == nil, "vertical outlived")
            #expect(watch.database == nil, "database outlived")
            #expect(watch.queue == nil, "queue outlived")
            #expect(watch.consumer == nil, "consumer outlived")
            #expect(watch.publisher == nil, "publisher outlived")
        }
    }

    /// Files this process holds open under `path` (Linux: /proc/self/fd).
    static func openFiles(under path: String) -> [String] {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.compactMap { fd in
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")
        }.filter { $0.hasPrefix(path) }
    }
}

/// Watches a world without keeping it alive.
final class WeakWorld: @unchecked Sendable {
    // Set once from the campaign's thread, read after the run on the same thread.
    weak var world: Simulation?
    weak var vertical: Vertical?
    weak var database: VerticalDatabase?
    weak var queue: DatabaseQueue?
    weak var consumer: SyncConsumer?
    weak var publisher: SyncPublisher?
}
