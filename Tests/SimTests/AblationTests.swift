import Foundation
import Mechanisms
import TestSupport
import Testing

@testable import Sim

/// Every ablation's library scenario passes as written and fails with the ablation, on a check
/// that catches it and on no check outside the scenario's subject (the ablation's `caught_by`
/// checks, and the `script` check where the scenario's script states the statuses the mechanism
/// guarantees); the ablated run, run again, gives the same trace.
@Suite("Ablations")
struct AblationTests {
    static func scenario(_ ablation: Ablation) throws -> Scenario {
        try ScenarioLoader.load(
            path: ScenarioFiles.root.appendingPathComponent(AblationCatalog.entry(ablation).scenario).path)
    }

    static func run(_ scenario: Scenario) throws -> RunResult {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        return try ScenarioRunner.run(scenario, folder: folder.url)
    }

    @Test(arguments: Ablation.allCases)
    func scenarioPassesAsWrittenAndFailsAblated(ablation: Ablation) throws {
        var scenario = try Self.scenario(ablation)
        #expect(scenario.name == ablation.rawValue)
        #expect(scenario.ablations.isEmpty, "the library scenario is the healthy design")
        let healthy = try Self.run(scenario)
        for check in healthy.failedChecks {
            Issue.record(
                "\(ablation.rawValue) as written: \(check.name) observed \(check.observed): \(check.detail ?? "")")
        }
        #expect(healthy.pass)
        scenario.ablations = DisabledMechanisms(ablation)
        let ablated = try Self.run(scenario)
        #expect(ablated.ablations == [ablation.rawValue])
        let caughtBy = AblationCatalog.entry(ablation).caughtBy
        let failed = ablated.failedChecks.map(\.name)
        #expect(
            failed.contains { caughtBy.contains(Self.key(of: $0)) },
            "\(ablation.rawValue) is caught by one of \(caughtBy): failed \(failed)")
        let subject = caughtBy + (scenario.script.isEmpty ? [] : ["script"])
        #expect(
            failed.allSatisfy { subject.contains(Self.key(of: $0)) },
            "\(ablation.rawValue) fails nothing outside its subject \(subject): failed \(failed)")
        let again = try Self.run(scenario)
        #expect(again.traceSHA256 == ablated.traceSHA256, "the ablated run is deterministic")
    }

    /// The expect key of a check name (`availability.glassbreak.io` → `availability`).
    static func key(of check: String) -> String {
        String(check.split(separator: ".", maxSplits: 1).first ?? "")
    }

    @Test func aRunWithAnAblationIsDeterministic() throws {
        var scenario = try Self.scenario(.gapFill)
        scenario.ablations = DisabledMechanisms([.gapFill, .consumerFlag])
        let first = try Self.run(scenario)
        let second = try Self.run(scenario)
        #expect(first.traceSHA256 == second.traceSHA256)
        #expect(first.json(includeWallClock: false).serialized() == second.json(includeWallClock: false).serialized())
        #expect(first.ablations == ["consumer-flag", "gap-fill"])
    }

    @Test func theSummarySaysSoOnItsFirstLine() throws {
        var scenario = try Self.scenario(.consumerFlag)
        scenario.ablations = DisabledMechanisms(.consumerFlag)
        let result = try Self.run(scenario)
        let first = Report.summary(result, folder: nil).split(separator: "\n")[0]
        #expect(first.hasPrefix("consumer-flag (seed 1, ablated: consumer-flag): FAIL"))
        #expect(result.json().serialized().contains(#""ablations":["consumer-flag"]"#))
    }

    @Test func theCatalogueHasOneEntryPerAblationWithItsScenario() throws {
        #expect(AblationCatalog.entries.map(\.name) == Ablation.names)
        #expect(Ablation.allCases.count == 12)
        for entry in AblationCatalog.entries {
            #expect(!entry.caughtBy.isEmpty)
            for check in entry.caughtBy { #expect(ExpectKey(rawValue: check) != nil, "\(check) is a check") }
            #expect(
                FileManager.default.fileExists(atPath: ScenarioFiles.root.appendingPathComponent(entry.scenario).path))
        }
        guard case .array(let objects) = AblationCatalog.json(), case .object(let first)? = objects.first else {
            Issue.record("not an array of objects"); return
        }
        #expect(first.map(\.0) == ["name", "mechanism", "prevents", "caught_by", "scenario"])
    }

    @Test func ablateInAFileIsReadAndUnknownNamesAreLocated() throws {
        let good = try ScenarioLoader.parse(
            yaml: "name: a\nduration: 10s\nablate: [gap-fill, consumer-flag]\n", file: "a.yaml")
        #expect(good.ablations.names == ["consumer-flag", "gap-fill"])
        do {
            _ = try ScenarioLoader.parse(yaml: "name: a\nduration: 10s\nablate: [gap-fill, sticky]\n", file: "a.yaml")
            Issue.record("accepted an unknown ablation")
        } catch {
            #expect(error.location.line == 3 && error.location.column == 20, "\(error)")
            #expect(error.message.contains("unknown ablation \"sticky\" (expected one of: consumer-flag, "))
        }
        do {
            _ = try ScenarioLoader.parse(
                yaml: "name: a\nduration: 10s\nablate: [tombstones, tombstones]\n", file: "a.yaml")
            Issue.record("accepted a name twice")
        } catch {
            #expect(error.message.contains("listed twice"))
        }
    }

    @Test func runPlanAddsTheCommandLineAblationsAndRefusesUnknownOnes() throws {
        var request = RunPlan.Request(files: [try Self.scenarioPath(.tombstones)])
        request.ablate = ["tombstones", "gap-fill"]
        let plan = try RunPlan(request)
        #expect(plan.items[0].scenario.ablations.names == ["gap-fill", "tombstones"])
        request.ablate = ["no-such-thing"]
        #expect(throws: RunRequestError.self) { try RunPlan(request) }
    }

    static func scenarioPath(_ ablation: Ablation) throws -> String {
        ScenarioFiles.root.appendingPathComponent(AblationCatalog.entry(ablation).scenario).path
    }
}
