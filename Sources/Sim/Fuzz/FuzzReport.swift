/// The human output of `simctl fuzz`: one block per failing seed with the command that
/// reproduces it, and a closing summary.
public enum FuzzReport {
    /// A failing seed: its checks, and the command that reproduces it.
    public static func failure(_ outcome: FuzzSeedOutcome) -> String {
        var head = "seed \(outcome.seed): FAIL \(outcome.failed.joined(separator: ", ")) (\(outcome.faults) faults"
        if let minFaults = outcome.minFaults, let runs = outcome.shrinkRuns {
            head += "; shrunk to \(minFaults) in \(runs) runs"
        }
        var lines = [head + ")"]
        if let file = outcome.scenarioFile { lines.append("  reproduce: simctl run \(file)") }
        if let file = outcome.minFile { lines.append("  shrunk:    simctl run \(file)") }
        return lines.joined(separator: "\n")
    }

    /// The closing summary of a campaign or a merge.
    public static func summary(_ summary: FuzzSummary, merged: Bool) -> String {
        let where_ = "\(summary.ranges.joined(separator: ", ")), shard \(summary.shards.joined(separator: ", "))"
        var head =
            "\(summary.bases.joined(separator: ", ")): \(summary.seeds) seeds (\(where_)), \(summary.passed) passed, \(summary.failed) failed"
        if merged {
            head += ", \(summary.missing) missing"
            if summary.duplicates > 0 { head += ", \(summary.duplicates) reported twice" }
        } else {
            head += " in \(Double(summary.wallMs / 100) / 10)s"
            if let rate = summary.seedsPerMinute {
                head += " (\(Int(rate.rounded())) seeds/min"
                if let cpu = summary.cpuMsPerSeed { head += ", \(Int(cpu.rounded())) ms CPU a seed" }
                head += ")"
            }
        }
        var lines = [head]
        for name in summary.checks.keys.sorted() {
            lines.append("  \(name): \(summary.checks[name]!) seeds")
        }
        if merged { lines += summary.failures.map(failure) }
        if merged, !summary.complete {
            lines.append("  incomplete: \(summary.missing) seeds of the range were not reported (a shard is missing)")
        }
        return lines.joined(separator: "\n")
    }
}
