import Foundation
import Mechanisms
import TestSupport
import Testing
import Verticals

@testable import Sim

/// An ablation the fuzzer must find: the mechanism removed with `--ablate`, the base the campaign
/// draws from, and how many seeds it may take.
struct FuzzTarget: Sendable, CustomTestStringConvertible {
    let ablation: Ablation
    /// The fuzz base, relative to the repository: the small library base where a swarm over it
    /// finds the ablation within a few seeds, else the ablation's own library scenario (its faults
    /// are kept in every drawn seed, and drawn faults are added; see docs/fuzzing.md).
    let base: String
    /// Seeds searched before the test gives up.
    let searchLimit: UInt64

    var testDescription: String { "\(ablation.rawValue) on \(base)" }
    /// The checks a failing seed must fail (one of them).
    var checks: [String] { AblationCatalog.entry(ablation).caughtBy }

    static let small = "scenarios/fuzz/small.yaml"

    /// The table the find-and-shrink test runs over: every ablation of the catalogue. The swarm
    /// over the small base finds the seven whose failure is a safety property of every seed; the
    /// other five need an expectation the fuzzer cannot add to every seed (read-your-writes and
    /// availability, which faults break legitimately) or a credential replay the workload never
    /// makes, so their own scenario is the base (docs/fuzzing.md says why).
    static let all: [FuzzTarget] = Ablation.allCases.map { ablation in
        switch ablation {
        case .consumerFlag, .outboxTransaction, .signatureCheck, .gapFill, .hybridClock, .tombstones,
            .sharedJWTSecret:
            return FuzzTarget(ablation: ablation, base: small, searchLimit: 16)
        case .stickyCookie, .failoverRetry, .healthChecks, .revocationSync, .singleUseSync:
            return FuzzTarget(ablation: ablation, base: "scenarios/ablations/\(ablation.rawValue).yaml", searchLimit: 2)
        }
    }
}

/// For each ablation, a campaign finds a failing seed within a bounded range and shrinks it to a
/// file that, loaded back, still fails the ablation's check, and passes that check without the
/// ablation.
@Suite("The fuzzer finds and shrinks every ablation", .serialized)
struct FuzzFindsDefectsTests {
    static let chunk: UInt64 = 2

    @Test(arguments: FuzzTarget.all)
    func findsAFailingSeedAndShrinksIt(target: FuzzTarget) throws {
        let base = try ScenarioLoader.load(path: ScenarioFiles.root.appendingPathComponent(target.base).path)
        var first: UInt64 = 1
        while first <= target.searchLimit {
            let last = Swift.min(first + Self.chunk - 1, target.searchLimit)
            var found: (outcome: FuzzSeedOutcome, min: Scenario, original: Scenario)?
            _ = try fuzz(
                base, seeds: first...last, jobs: 2, shrinkRuns: 8, ablations: [target.ablation.rawValue],
                inspect: { folder in
                    let text = try String(contentsOf: folder.seedLines, encoding: .utf8)
                    // The summary line is not a seed line (no `seed`): left out.
                    let outcomes = text.split(separator: "\n").compactMap { line -> FuzzSeedOutcome? in
                        try? FuzzSeedOutcome(json: JSONValue.parse(line.utf8))
                    }
                    guard let failure = outcomes.first(where: { !$0.pass }) else { return }
                    let files = folder.failureFiles(name: base.name, seed: failure.seed)
                    found = (
                        failure, try ScenarioLoader.load(path: files.min.path),
                        try ScenarioLoader.load(path: files.scenario.path)
                    )
                })
            if let found {
                try judge(found.min, original: found.original, outcome: found.outcome, target: target)
                return
            }
            first = last + 1
        }
        Issue.record(
            "no seed in 1...\(target.searchLimit) of \(target.base) fails with --ablate \(target.ablation.rawValue)")
    }

    func judge(_ min: Scenario, original: Scenario, outcome: FuzzSeedOutcome, target: FuzzTarget) throws {
        let first = outcome.failed.first.map(AblationTests.key(of:)) ?? ""
        #expect(
            target.checks.contains(first),
            "seed \(outcome.seed) first fails a check that catches \(target.ablation.rawValue): \(outcome.failed)")
        #expect(min.faults.count <= original.faults.count)
        #expect(min.faults.count == outcome.minFaults)
        #expect(min.ablations == DisabledMechanisms(target.ablation), "the shrunk file carries the ablation")
        let checked = min.expectations.map(\.checkName)
        #expect(
            checked.count == 1 && target.checks.contains(AblationTests.key(of: checked[0])),
            "the shrunk file checks what broke")
        let broken = try simulate(min)
        #expect(!broken.pass, "the shrunk file still fails \(checked)")
        var healthy = min
        healthy.ablations = .none
        #expect(try simulate(healthy).pass, "without the ablation the shrunk file passes")
        print(
            "\(target.ablation.rawValue): seed \(outcome.seed) of \(target.base) fails \(outcome.failed.joined(separator: ", ")); shrunk from \(original.faults.count) faults, \(VirtualTime.formatDuration(original.durationUs)), \(original.workload?.users ?? 0) users to \(min.faults.count) faults, \(VirtualTime.formatDuration(min.durationUs)), \(min.workload?.users ?? 0) users in \(outcome.shrinkRuns ?? 0) runs: \(min.faults.map(ScenarioWriter.fault).joined(separator: " "))"
        )
    }

    func simulate(_ scenario: Scenario) throws -> RunResult {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        return try Simulation(scenario: scenario, directory: folder.url).run()
    }
}
