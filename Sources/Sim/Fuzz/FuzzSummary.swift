import Foundation
import Verticals

/// The last line of a campaign, and what `simctl fuzz merge` makes of several: counts, the
/// failing seeds with their files, how often each check failed. Everything in it is sorted, so
/// the same seed lines give the same summary in whatever order they are read.
public struct FuzzSummary: Sendable, Equatable {
    /// Base scenario names.
    public var bases: [String]
    /// Seed ranges (`A..B`) and slices (`K/N`) the lines came from.
    public var ranges: [String]
    public var shards: [String]
    public var seeds: Int
    public var passed: Int
    /// Failing seeds, by seed.
    public var failures: [FuzzSeedOutcome]
    /// How many seeds failed each check, by check name.
    public var checks: [String: Int]
    /// Seeds of the ranges that no line reported (a shard missing from a merge).
    public var missing: Int
    /// Seeds reported more than once (with the same verdict).
    public var duplicates: Int
    /// A campaign: its elapsed wall time. A merge: the sum of the seeds' run times.
    public var wallMs: Int64
    /// A campaign's rate (nil for a merge).
    public var seedsPerMinute: Double?
    /// A campaign's processor time per seed (user + system, the whole process, ms): what a seed
    /// costs whatever else shares the machine, unlike the rate (nil for a merge).
    public var cpuMsPerSeed: Double? = nil

    public var failed: Int { failures.count }
    /// True when every seed of the ranges was reported.
    public var complete: Bool { missing == 0 }

    /// The summary of one campaign over `selection`.
    public static func campaign(
        base: String, selection: SeedSelection, outcomes: [FuzzSeedOutcome], wallMs: Int64, cpuMs: Int64? = nil
    ) -> FuzzSummary {
        var summary = FuzzSummary(
            bases: [base], ranges: [selection.rangeText], shards: [selection.shardText], seeds: outcomes.count,
            passed: outcomes.filter(\.pass).count, failures: outcomes.filter { !$0.pass }.sorted { $0.seed < $1.seed },
            checks: [:], missing: selection.count - outcomes.count, duplicates: 0, wallMs: wallMs,
            seedsPerMinute: wallMs > 0 ? (Double(outcomes.count) * 60_000 / Double(wallMs) * 10).rounded() / 10 : nil)
        for failure in summary.failures { for name in failure.failed { summary.checks[name, default: 0] += 1 } }
        if let cpuMs, !outcomes.isEmpty {
            summary.cpuMsPerSeed = (Double(cpuMs) / Double(outcomes.count) * 10).rounded() / 10
        }
        return summary
    }

    /// The summary line.
    public func json() -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("summary", .bool(true)), ("bases", .array(bases.map { .string($0) })),
            ("seeds_range", .array(ranges.map { .string($0) })), ("shards", .array(shards.map { .string($0) })),
            ("seeds", .int(seeds)), ("passed", .int(passed)), ("failed", .int(failed)),
            ("missing", .int(missing)), ("duplicates", .int(duplicates)),
            ("checks", .object(checks.keys.sorted().map { ($0, .int(checks[$0]!)) })),
            (
                "failures",
                .array(
                    failures.map { failure in
                        var pairs: [(String, JSONValue)] = [
                            ("seed", .int(Int64(bitPattern: failure.seed))),
                            ("failed", .array(failure.failed.map { .string($0) })),
                        ]
                        if let file = failure.scenarioFile { pairs.append(("scenario", .string(file))) }
                        if let file = failure.minFile { pairs.append(("min", .string(file))) }
                        if let faults = failure.minFaults { pairs.append(("min_faults", .int(faults))) }
                        return .object(pairs)
                    })
            ),
            ("wall_ms", .int(wallMs)),
        ]
        if let seedsPerMinute { pairs.append(("seeds_per_minute", .double(seedsPerMinute))) }
        if let cpuMsPerSeed { pairs.append(("cpu_ms_per_seed", .double(cpuMsPerSeed))) }
        return .object(pairs)
    }
}
