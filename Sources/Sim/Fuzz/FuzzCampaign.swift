import Foundation

/// A fuzz campaign: draws and runs every seed of a slice, `jobs` at a time, writes each failing
/// seed's scenario and its shrunk form, and reports each seed's outcome in seed order.
///
/// ```swift
/// let campaign = FuzzCampaign(base: base, options: options, folder: folder)
/// let summary = try campaign.run { outcome in print(outcome.json().serialized()) }
/// ```
public final class FuzzCampaign: Sendable {
    public let base: Scenario
    public let options: FuzzOptions
    public let folder: FuzzOutputFolder
    let drawer: ScenarioDrawer
    let runner: FuzzSeedRunner
    let state: FuzzCampaignState

    public init(base: Scenario, options: FuzzOptions, folder: FuzzOutputFolder) {
        self.base = base
        self.options = options
        self.folder = folder
        drawer = ScenarioDrawer(base: base, ablations: options.ablations)
        runner = FuzzSeedRunner(work: folder.work, plant: options.plant)
        state = FuzzCampaignState(total: options.selection.count)
    }

    /// Seeds done, failures and elapsed time so far (safe to call from any thread).
    public func progress() -> FuzzProgress { state.progress() }

    /// Runs every seed; `onSeed` is called once per seed, in seed order, one call at a time.
    /// Throws ``FuzzSeedError`` when the simulator itself fails on a seed (the others stop).
    public func run(onSeed: @escaping @Sendable (FuzzSeedOutcome) -> Void) throws -> FuzzSummary {
        let lines = try FuzzLineFile(url: folder.seedLines)
        let emit: @Sendable (FuzzSeedOutcome) -> Void = { outcome in
            lines.append(outcome.json().serialized())
            onSeed(outcome)
        }
        let group = DispatchGroup()
        for worker in 0..<min(options.jobs, max(1, options.selection.count)) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while let index = state.claim() {
                    let seed = options.selection.seed(at: index)
                    do {
                        let outcome = try runSeed(seed)
                        state.finish(index: index, outcome: outcome, emit: emit)
                    } catch {
                        state.fail(FuzzSeedError(seed: seed, underlying: error))
                    }
                }
            }
            thread.name = "fuzz-\(worker)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        try folder.removeWork()
        if let error = state.error { throw error }
        let progress = state.progress()
        let summary = FuzzSummary.campaign(
            base: base.name, selection: options.selection, outcomes: state.outcomes, wallMs: progress.elapsedMs,
            cpuMs: state.cpuMs)
        lines.append(summary.json().serialized())
        try lines.close()
        return summary
    }

    /// Draws and runs one seed; a failure is written out and shrunk.
    func runSeed(_ seed: UInt64) throws -> FuzzSeedOutcome {
        let scenario = drawer.draw(seed: seed)
        let result = try runner.run(scenario, tag: "seed-\(seed)")
        var outcome = FuzzSeedOutcome(
            seed: seed, pass: result.pass, failed: result.failedChecks.map(\.name), faults: scenario.faults.count,
            requests: result.requests, wallMs: result.wallMs)
        guard !result.pass, let check = result.failedChecks.first else { return outcome }
        let files = folder.failureFiles(name: base.name, seed: seed)
        try FuzzOutputFolder.write(
            ScenarioWriter.yaml(scenario, header: header(scenario, result: result, check: check, file: files.scenario)),
            to: files.scenario)
        var shrinker = Shrinker(target: check.name, budget: options.shrinkRuns, base: base) { [runner] candidate in
            try runner.fails(candidate, target: check.name, tag: "seed-\(seed)-shrink")
        }
        var shrunk = try shrinker.shrink(scenario)
        shrunk.name = "\(base.name)-min"
        shrunk.description =
            "Seed \(seed) of \(base.file) (\(base.name)) shrunk to what still fails \(check.name): \(shrunk.faults.count) of \(scenario.faults.count) faults."
        let final = try runner.run(shrunk, tag: "seed-\(seed)-min")
        let text = ScenarioWriter.yaml(
            shrunk,
            header: minHeader(
                shrunk, from: scenario, final: final, check: check.name, runs: shrinker.runs, files: files))
        try FuzzOutputFolder.write(text, to: files.min)
        outcome.scenarioFile = files.scenario.relativePath
        outcome.minFile = files.min.relativePath
        outcome.minFaults = shrunk.faults.count
        outcome.shrinkRuns = shrinker.runs
        return outcome
    }

    func header(_ scenario: Scenario, result: RunResult, check: CheckResult, file: URL) -> [String] {
        [
            "simctl fuzz: seed \(scenario.seed) of \(base.file) failed \(check.name) (expected \(check.expected), observed \(check.observed)).",
            "Reproduce: simctl run \(file.relativePath)   (trace sha256 \(result.traceSHA256))",
        ] + (check.detail.map { ["First violation: \($0)"] } ?? [])
    }

    func minHeader(
        _ shrunk: Scenario, from scenario: Scenario, final: RunResult, check: String, runs: Int,
        files: (scenario: URL, min: URL)
    ) -> [String] {
        let observed = final.checks.first { $0.name == check }
        let verdict =
            observed.map { $0.pass ? "no longer fails \(check)" : "still fails \(check) (observed \($0.observed))" }
            ?? "does not check \(check)"
        return [
            "Shrunk by simctl fuzz from \(files.scenario.lastPathComponent) in \(runs) runs: \(shrunk.faults.count) of \(scenario.faults.count) faults, \(VirtualTime.formatDuration(shrunk.durationUs)) of \(VirtualTime.formatDuration(scenario.durationUs)) chaos; \(verdict).",
            "Reproduce: simctl run \(files.min.relativePath)   (trace sha256 \(final.traceSHA256))",
        ]
    }
}
