import Foundation
import TestSupport
import Testing

@testable import Sim

/// The editor schema, `simctl init` and `simctl explain` (issue 18, items 4 to 6).
@Suite("authoring: schema, init, explain")
struct AuthoringTests {
    static var schemaFile: URL { ScenarioFiles.root.appendingPathComponent(ScenarioSchema.repositoryPath) }

    @Test func theCommittedSchemaIsCurrent() throws {
        let committed = try String(contentsOf: Self.schemaFile, encoding: .utf8)
        #expect(
            committed == ScenarioSchema.text(),
            "docs/scenario.schema.json is stale: run `swift run simctl schema -o docs/scenario.schema.json`")
    }

    @Test func theSchemaParsesAndNamesEveryKeyTheLoaderAccepts() throws {
        let data = Data(ScenarioSchema.text().utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let properties = try #require(root["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(ScenarioLoader.topLevelKeys))
        let faults = try #require(properties["faults"] as? [String: Any])
        let item = try #require(faults["items"] as? [String: Any])
        #expect((item["oneOf"] as? [Any])?.count == FaultKind.allCases.count)
        let expect = try #require(properties["expect"] as? [String: Any])
        let checks = try #require(expect["properties"] as? [String: Any])
        #expect(Set(checks.keys) == Set(ExpectKey.allCases.map(\.rawValue)))
        for (key, value) in checks {
            let description = (value as? [String: Any])?["description"] as? String ?? ""
            #expect(!description.isEmpty, "expect.\(key) has a description")
        }
    }

    /// Every scenario in scenarios/ (subfolders included) starts with the language-server line,
    /// and its path leads to the committed schema.
    @Test func everyLibraryScenarioNamesTheSchema() throws {
        let root = ScenarioFiles.root.appendingPathComponent("scenarios")
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        var checked = 0
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".yaml") else { continue }
            let file = root.appendingPathComponent(relative)
            let first = try String(contentsOf: file, encoding: .utf8).prefix { $0 != "\n" }
            let prefix = "# yaml-language-server: $schema="
            #expect(first.hasPrefix(prefix), "scenarios/\(relative) starts with the schema line")
            let path = String(first.dropFirst(prefix.count))
            let target = file.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
            #expect(target.path == Self.schemaFile.standardizedFileURL.path, "scenarios/\(relative): \(path)")
            checked += 1
        }
        #expect(checked >= 20)
    }

    @Test func theFormatTablesAreTheLoadersKeys() {
        #expect(TopologyDecoder.sections == ["verticals", "domains", "edge", "network", "sync", "auth"])
        #expect(FuzzBoundsDecoder.keys == ScenarioFormat.fuzz.keys)
        #expect(WorkloadDecoder.stepKeys.contains("expect_status"))
        // An unknown key names exactly the format's keys.
        do {
            _ = try ScenarioLoader.parse(
                yaml: "name: a\nduration: 1m\nworkload: {users: 1, rate: 1/s, speed: 3}\n", file: "a")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains(ScenarioFormat.workload.keys.joined(separator: ", ")))
        }
    }

    @Test func theStarterValidatesAndACopyKeepsItsSource() throws {
        let folder = TemporaryFolder("init")
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let file = folder.url.appendingPathComponent("first.yaml")
        let text = try ScenarioInit.text(name: "first", file: file, from: nil)
        let scenario = try ScenarioLoader.parse(yaml: text, file: "first.yaml")
        #expect(scenario.name == "first")
        #expect(scenario.faults.count == 1)
        #expect(scenario.workload != nil)
        #expect(text.hasPrefix("# yaml-language-server: $schema=scenario.schema.json\n"))
        try ScenarioInit.writeNew(text, to: file)
        #expect(throws: ScenarioInit.Refusal.self) { try ScenarioInit.writeNew("other", to: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        let library = ScenarioFiles.root.appendingPathComponent("scenarios/partition-heal.yaml").path
        let inside = ScenarioFiles.root.appendingPathComponent("scenarios/copy.yaml")
        let copy = try ScenarioInit.text(name: "copy", file: inside, from: library)
        #expect(copy.hasPrefix("# yaml-language-server: $schema=../docs/scenario.schema.json\nname: copy\n"))
        #expect(try ScenarioLoader.parse(yaml: copy, file: "copy.yaml").faults.count > 0)
        #expect(throws: ScenarioInit.Refusal.self) { try ScenarioInit.text(name: "Bad Name", file: file, from: nil) }
    }

    @Test func everyCheckAndFaultKindIsExplained() throws {
        let names = ExplainCatalog.all.map(\.name)
        for key in ExpectKey.allCases { #expect(names.contains(key.rawValue)) }
        for kind in FaultKind.allCases { #expect(names.contains(kind.rawValue)) }
        #expect(Set(names).count == names.count, "names are unique")
        for entry in ExplainCatalog.all {
            #expect(!entry.meaning.isEmpty && !entry.measured.isEmpty && !entry.failureExample.isEmpty)
            if let scenario = entry.scenario {
                let url = ScenarioFiles.root.appendingPathComponent(scenario)
                #expect(FileManager.default.fileExists(atPath: url.path), "\(entry.name): \(scenario)")
            }
        }
        guard case .failure(let unknown) = ExplainCatalog.explain("read-your-writes") else {
            Issue.record("expected an unknown name")
            return
        }
        #expect(unknown.description.contains("checks: read_your_writes"))
        #expect(unknown.description.contains("faults: compute-outage"))
    }

    /// Coverage: every fault kind is injected by a top-level library scenario (the ones CI runs),
    /// and the catalog names it.
    @Test(arguments: FaultKind.allCases) func everyFaultKindHasALibraryScenario(kind: FaultKind) throws {
        let library = try ScenarioFiles.all().map { try ScenarioLoader.load(path: $0) }
        #expect(
            library.contains { $0.faults.contains { $0.kind == kind } },
            "no scenario in scenarios/ injects \(kind.rawValue)")
        let entry = try #require(ExplainCatalog.all.first { $0.name == kind.rawValue })
        let named = try #require(entry.scenario, "simctl explain \(kind.rawValue) names no scenario")
        #expect(named.split(separator: "/").count == 2, "\(named) is a top-level library scenario")
    }

    /// The explained check scenario really expects that check, and the fault scenario really has that kind.
    @Test func theShowingScenariosShowWhatTheyClaim() throws {
        for entry in ExplainCatalog.all {
            guard let path = entry.scenario else { continue }
            let scenario = try ScenarioLoader.load(path: ScenarioFiles.root.appendingPathComponent(path).path)
            switch entry.category {
            case .check:
                if entry.name == "script" {
                    #expect(!scenario.script.isEmpty, "\(path) has a script")
                } else if entry.name == ExpectKey.faultsHit.rawValue {
                    #expect(!scenario.faults.isEmpty, "\(path) has faults (faults_hit is on by default)")
                } else {
                    #expect(
                        scenario.expectations.contains { $0.key.rawValue == entry.name },
                        "\(path) expects \(entry.name)")
                }
            case .fault:
                #expect(scenario.faults.contains { $0.kind.rawValue == entry.name }, "\(path) injects \(entry.name)")
            case .ablation:
                break
            }
        }
    }
}
