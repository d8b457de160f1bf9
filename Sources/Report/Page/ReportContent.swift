import Sim

/// What one report page shows: the scenario and result, the aggregate of the trace, the stories
/// of the first violations, and how to reproduce the run.
struct ReportContent {
    let scenario: Scenario
    let result: ResultFile
    let aggregate: RunAggregate
    let stories: [ViolationStory]
    let windows: [FaultWindow]
    let faults: [DrawnFault]
    /// `simctl run scenarios/x.yaml --seed 7`.
    let reproduce: String
    /// The run folder, as the user named it.
    let folder: String

    var charts: ReportCharts { ReportCharts(aggregate: aggregate, windows: windows) }

    /// `2 of 9 checks failed` or `all 9 checks held`.
    var verdictLine: String {
        let failed = result.checks.filter { !$0.pass }.count
        if result.checks.isEmpty { return "no expectations" }
        return failed == 0
            ? "all \(result.checks.count) checks held" : "\(failed) of \(result.checks.count) checks failed"
    }

    /// The command that reproduces the run: the scenario file, the run's seed, its ablations.
    static func reproduceCommand(scenarioFile: String, seed: UInt64, ablations: [String]) -> String {
        var parts = ["simctl", "run", shellQuoted(scenarioFile), "--seed", String(seed)]
        for ablation in ablations { parts += ["--ablate", shellQuoted(ablation)] }
        return parts.joined(separator: " ")
    }

    /// `text` quoted for a POSIX shell when it needs it.
    static func shellQuoted(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@".contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
