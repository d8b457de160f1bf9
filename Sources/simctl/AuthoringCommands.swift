import ArgumentParser
import Foundation
import Sim

extension Simctl {
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema (draft 2020-12) of the scenario format, for editors.",
            discussion: """
                Generated from the loader's own tables (keys, bounds, fault kinds, checks), with descriptions and \
                defaults; the repository keeps a copy at docs/scenario.schema.json. A scenario whose first line is \
                `# yaml-language-server: $schema=PATH` is validated and completed by editors using the YAML language \
                server. simctl validate remains the authority (cross-field rules, the work budget).

                Examples:
                  simctl schema > scenario.schema.json
                  simctl schema -o docs/scenario.schema.json
                """)

        @Option(name: .shortAndLong, help: "Write the schema to this file instead of standard output.")
        var output: String?

        func run() throws {
            let text = ScenarioSchema.text()
            guard let output else {
                print(text, terminator: "")
                return
            }
            let file = OutputFile(option: "-o", path: output, kind: .schema)
            do {
                try file.preflight()
            } catch {
                printError(error.description)
                throw ExitCode(2)
            }
            do {
                try file.write(text)
            } catch {
                printError("simctl: \(error.description)")
                throw ExitCode(3)
            }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a commented starting scenario (never over an existing file).",
            discussion: """
                NAME is the scenario's name ([a-z0-9-]+), written to NAME.yaml, or a path ending in .yaml whose file \
                name gives the scenario's name. The starter uses the standard topology, a workload, one compute \
                outage and the usual expectations; --from copies an existing scenario under the new name instead. \
                The result is checked by the loader before it is written. Exit 2 if the file exists.

                Examples:
                  simctl init my-outage
                  simctl init scenarios/db-failover.yaml --from scenarios/database-outage.yaml
                """)

        @Argument(help: "The new scenario's name, or its path (ending in .yaml).")
        var name: String

        @Option(help: "Start from this scenario file instead of the built-in starter.")
        var from: String?

        func run() throws {
            let path = name.hasSuffix(".yaml") ? name : "\(name).yaml"
            let url = URL(fileURLWithPath: path)
            let scenarioName = url.deletingPathExtension().lastPathComponent
            let text: String
            do {
                text = try ScenarioInit.text(name: scenarioName, file: url, from: from)
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            do {
                try ScenarioInit.writeNew(text, to: url)
            } catch let error as ScenarioInit.Refusal {
                printError(error.description)
                throw ExitCode(2)
            } catch {
                printError("simctl: \(FileOperationError.describe(error))")
                throw ExitCode(3)
            }
            print("wrote \(path) (scenario \(scenarioName)); run it with: simctl run \(path)")
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain a check, a fault kind or an ablation: meaning, measurement, failure, example scenario.",
            discussion: """
                Without a name, lists every name it knows.

                Examples:
                  simctl explain read_your_writes
                  simctl explain partition
                  simctl explain
                """)

        @Argument(help: "A check (an expect key, or script), a fault kind, or an ablation.")
        var name: String?

        @Flag(help: .hidden)
        var markdown = false

        func run() throws {
            if markdown {
                print(ExplainCatalog.markdown(), terminator: "")
                return
            }
            guard let name else {
                for category in Explanation.Category.allCases {
                    let names = ExplainCatalog.all.filter { $0.category == category }.map(\.name)
                    if !names.isEmpty { print("\(category.rawValue)s: \(names.joined(separator: ", "))") }
                }
                return
            }
            switch ExplainCatalog.explain(name) {
            case .success(let entry): print(entry.text)
            case .failure(let error):
                printError(error.description)
                throw ExitCode(2)
            }
        }
    }
}
