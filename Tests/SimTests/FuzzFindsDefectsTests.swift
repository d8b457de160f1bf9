import Foundation
import GRDB
import Testing
import Verticals

@testable import Sim

/// A defect the fuzzer must find: broken the way a real bug would break the design, and the
/// check that must catch it.
struct PlantedDefect: Sendable, CustomTestStringConvertible {
    let name: String
    /// The check a failing seed must fail (the shrunk file is kept only while it fails this one).
    let check: String
    /// Breaks a world before it runs.
    let plant: @Sendable (Simulation) -> Void

    var testDescription: String { name }

    /// The table the find-and-shrink test runs over.
    ///
    /// ABLATION SEAM (issue 13): once `--ablate` exists, each ablation becomes a row here, run
    /// through `FuzzOptions.ablations` instead of a plant (add an `ablations: [String]` field), e.g.
    /// `PlantedDefect(name: "consumer-flag", check: "sync_loops", ablations: ["consumer-flag"])`.
    static let all: [PlantedDefect] = [
        PlantedDefect(name: "signature check skipped", check: "forged_accepted") { simulation in
            for node in simulation.nodes { node.vertical.consumer.skipsSignatureCheck = true }
        },
        PlantedDefect(name: "consumer flag ignored", check: "sync_loops") { simulation in
            simulation.nodes[1].vertical.database.ignoresConsumerFlag = true
        },
        PlantedDefect(name: "outbox trigger dropped", check: "lost_writes") { simulation in
            // The runbook insert's outbox row is never written: the dual-write bug's outcome.
            do {
                try simulation.nodes[0].vertical.database.write { db in
                    try db.execute(sql: "DROP TRIGGER runbook_outbox_insert")
                }
            } catch {
                preconditionFailure("cannot plant the defect: \(error)")
            }
        },
    ]
}

/// For each planted defect, a campaign over the small library base finds a failing seed within a
/// bounded range and shrinks it to a file that, loaded back, still fails the defect's check, and
/// passes that check once the defect is gone.
@Suite("The fuzzer finds and shrinks planted defects", .serialized)
struct FuzzFindsDefectsTests {
    /// Seeds searched, a few at a time, before the test gives up.
    static let searchLimit: UInt64 = 48
    static let chunk: UInt64 = 4

    static func smallBase() throws -> Scenario {
        try ScenarioLoader.load(path: ScenarioFiles.fuzzBases().first { $0.hasSuffix("/small.yaml") }!)
    }

    @Test(arguments: PlantedDefect.all)
    func findsAFailingSeedAndShrinksIt(defect: PlantedDefect) throws {
        let base = try Self.smallBase()
        var first: UInt64 = 1
        while first <= Self.searchLimit {
            let last = first + Self.chunk - 1
            var found: (outcome: FuzzSeedOutcome, min: Scenario, original: Scenario)?
            _ = try fuzz(
                base, seeds: first...last, jobs: 2, shrinkRuns: 60, plant: defect.plant,
                inspect: { folder in
                    let text = try String(contentsOf: folder.seedLines, encoding: .utf8)
                    let outcomes = text.split(separator: "\n").compactMap { line -> FuzzSeedOutcome? in
                        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                        return object.flatMap(FuzzSeedOutcome.init(object:))
                    }
                    guard let failure = outcomes.first(where: { $0.failed.contains(defect.check) }) else { return }
                    let files = folder.failureFiles(name: base.name, seed: failure.seed)
                    found = (
                        failure, try ScenarioLoader.load(path: files.min.path),
                        try ScenarioLoader.load(path: files.scenario.path)
                    )
                })
            if let found {
                try judge(found.min, original: found.original, outcome: found.outcome, defect: defect)
                return
            }
            first = last + 1
        }
        Issue.record("no seed in 1...\(Self.searchLimit) fails \(defect.check) with \(defect.name)")
    }

    func judge(_ min: Scenario, original: Scenario, outcome: FuzzSeedOutcome, defect: PlantedDefect) throws {
        #expect(outcome.failed.first == defect.check || outcome.failed.contains(defect.check))
        #expect(min.faults.count <= original.faults.count)
        #expect(min.faults.count == outcome.minFaults)
        #expect(min.expectations.map(\.checkName) == [defect.check], "the shrunk file checks what broke")
        let broken = try simulate(min, plant: defect.plant)
        #expect(broken.check(defect.check)?.pass == false, "the shrunk file still fails \(defect.check)")
        let healthy = try simulate(min, plant: { _ in })
        #expect(healthy.check(defect.check)?.pass == true, "without the defect the shrunk file passes")
        print(
            "\(defect.name): seed \(outcome.seed) fails \(defect.check); shrunk from \(original.faults.count) faults, \(VirtualTime.formatDuration(original.durationUs)), \(original.workload?.users ?? 0) users to \(min.faults.count) faults, \(VirtualTime.formatDuration(min.durationUs)), \(min.workload?.users ?? 0) users in \(outcome.shrinkRuns ?? 0) runs: \(min.faults.map(ScenarioWriter.fault).joined(separator: " "))"
        )
    }

    func simulate(_ scenario: Scenario, plant: (Simulation) -> Void) throws -> RunResult {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let simulation = try Simulation(scenario: scenario, directory: folder.url)
        plant(simulation)
        return try simulation.run()
    }
}
