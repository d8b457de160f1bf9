import Foundation
import TestSupport
import Testing

@testable import Sim

/// The fuzz bases in `scenarios/fuzz/`: each is a valid scenario that meets its own `expect`
/// as written, and a small fixed range of seeds drawn from it raises no alarm.
@Suite("Fuzz library", .serialized)
struct FuzzLibraryTests {
    /// Seeds fuzzed per base in the test suite (thousands run in `make fuzz`).
    static let seeds: [String: ClosedRange<UInt64>] = ["fuzz-small": 1...16, "fuzz-large": 1...2]

    @Test(arguments: try! ScenarioFiles.fuzzBases())
    func baseRunsAsWrittenAndMeetsItsExpectations(path: String) throws {
        let scenario = try ScenarioLoader.load(path: path)
        #expect(scenario.fuzz != nil, "a fuzz base states its bounds")
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let result = try ScenarioRunner.run(scenario, folder: folder.url)
        for check in result.failedChecks { Issue.record("\(check.name): \(check.observed) \(check.detail ?? "")") }
        #expect(result.pass)
    }

    @Test(arguments: try! ScenarioFiles.fuzzBases())
    func aFixedRangeOfSeedsRaisesNoAlarm(path: String) throws {
        let base = try ScenarioLoader.load(path: path)
        let range = try #require(Self.seeds[base.name], "give \(base.name) a fixed range here")
        let (summary, outcomes) = try fuzz(base, seeds: range, jobs: 2)
        for outcome in outcomes where !outcome.pass {
            Issue.record("\(base.name) seed \(outcome.seed) failed \(outcome.failed)")
        }
        #expect(summary.seeds == range.count && summary.failed == 0)
        #expect(outcomes.contains { $0.faults > 0 }, "the range injects faults")
    }
}
