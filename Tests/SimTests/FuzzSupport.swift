import Foundation
import TestSupport

@testable import Sim

extension ScenarioFiles {
    /// Every `scenarios/fuzz/*.yaml`: fuzz bases, validated, run as written and fuzzed over a
    /// small fixed range by the tests.
    static func fuzzBases() throws -> [String] { try files(in: "scenarios/fuzz") }
}

/// A deep description of every stored field of a scenario, source locations and file aside: two
/// scenarios with the same canonical dump are equal field for field. Built on `Mirror` so that a
/// field added to the scenario types later is compared too, without updating this helper.
func canonicalDump(_ scenario: Scenario) -> String {
    var copy = scenario
    let nowhere = SourceLocation(file: "", line: 0, column: 0)
    copy.file = ""
    copy.sourceYAML = ""  // the text a scenario was read from differs by construction
    copy.faults = copy.faults.map {
        var fault = $0; fault.location = nowhere; return fault
    }
    copy.script = copy.script.map {
        var step = $0; step.location = nowhere; return step
    }
    copy.expectations = copy.expectations.map {
        var expectation = $0; expectation.location = nowhere; return expectation
    }
    var text = ""
    dump(copy, to: &text)
    return text
}

/// A campaign over `seeds` of `base` into a fresh temporary folder, removed afterwards.
func fuzz(
    _ base: Scenario, seeds: ClosedRange<UInt64>, shard: (Int, Int) = (1, 1), jobs: Int = 2, shrinkRuns: Int = 0,
    ablations: [String] = [], plant: (@Sendable (Simulation) -> Void)? = nil,
    inspect: (FuzzOutputFolder) throws -> Void = { _ in }
) throws -> (summary: FuzzSummary, outcomes: [FuzzSeedOutcome]) {
    let temporary = TemporaryFolder("fuzz")
    defer { temporary.cleanup() }
    let selection = SeedSelection(first: seeds.lowerBound, last: seeds.upperBound, shard: shard.0, shards: shard.1)
    let folder = try FuzzOutputFolder(url: temporary.url, selection: selection)
    var options = FuzzOptions(selection: selection, jobs: jobs, shrinkRuns: shrinkRuns, ablations: ablations)
    options.plant = plant
    let collected = OutcomeCollector()
    let summary = try FuzzCampaign(base: base, options: options, folder: folder).run { collected.add($0) }
    try inspect(folder)
    return (summary, collected.all)
}

/// Outcomes reported by a campaign's workers (one call at a time, in seed order).
final class OutcomeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [FuzzSeedOutcome] = []

    func add(_ outcome: FuzzSeedOutcome) { lock.withLock { outcomes.append(outcome) } }
    var all: [FuzzSeedOutcome] { lock.withLock { outcomes } }
}
