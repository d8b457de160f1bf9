import ArgumentParser
import Foundation
import Report
import Sim

extension Simctl {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run scenarios and check their expectations.",
            discussion:
                "Writes each run's folder (default .sim/runs/NAME-seedN): one SQLite file, bucket and log per vertical, trace.jsonl and result.json."
        )

        @Argument(help: "Scenario files.")
        var files: [String]

        @Option(help: "Seed to use instead of each scenario's own.")
        var seed: UInt64?

        @Option(help: "Run folder (one file), or the parent of one folder per scenario (several).")
        var out: String?

        @Flag(help: "Print the JSON result (one line per scenario) instead of the summary.")
        var json = false

        @Option(help: "Also copy the trace (JSON lines) to this file.")
        var trace: String?

        @Option(help: "Write a JUnit XML report to this file.")
        var junit: String?

        @Flag(help: "Run each scenario twice and fail if the traces or results differ.")
        var checkDeterminism = false

        @Option(help: "Also draw the run's HTML report to this file (one scenario file).")
        var html: String?

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one scenario file") }
            if trace != nil, files.count > 1 { throw ValidationError("--trace takes one scenario file") }
            if html != nil, files.count > 1 { throw ValidationError("--html takes one scenario file") }
        }

        func run() throws {
            let scenarios: [Scenario]
            let folders: [URL]
            do {
                scenarios = try ScenarioRunner.load(paths: files, seedOverride: seed)
                folders = scenarios.map { ScenarioRunner.folder(for: $0, out: out, several: scenarios.count > 1) }
                try ScenarioRunner.checkFolders(folders)
            } catch {
                printError(error.description)
                throw ExitCode(2)
            }
            do {
                // A report inside the run folder is written once the run has (re)created it.
                let insideRun =
                    html.map { URL(fileURLWithPath: $0).deletingLastPathComponent().standardized.path }
                    == folders.first?.standardized.path
                if let html, !insideRun { try OutputFile.checkWritable(html) }
            } catch {
                printError(error.description)
                throw ExitCode(2)
            }
            var results: [RunResult] = []
            var allPassed = true
            for (scenario, folder) in zip(scenarios, folders) {
                let result = try ScenarioRunner.run(scenario, folder: folder)
                var determinism: DeterminismReport?
                if checkDeterminism {
                    determinism = try ScenarioRunner.checkDeterminism(scenario, first: result, folder: folder)
                }
                allPassed = allPassed && result.pass && (determinism?.identical ?? true)
                results.append(result)
                if json {
                    print(result.json().serialized())
                } else {
                    print(Report.summary(result, folder: folder, determinism: determinism))
                }
                if let html {
                    try OutputFile.write(try RunReport.html(folder: folder.path), to: html)
                }
                if let trace {
                    try? FileManager.default.removeItem(atPath: trace)
                    try FileManager.default.copyItem(
                        at: folder.appendingPathComponent("trace.jsonl"),
                        to: URL(fileURLWithPath: trace))
                }
            }
            if let junit {
                try Data(Report.junit(results).utf8).write(to: URL(fileURLWithPath: junit))
            }
            if !allPassed { throw ExitCode(1) }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse and check scenarios without running them.")

        @Argument(help: "Scenario files.")
        var files: [String]

        func run() throws {
            do {
                let scenarios = try ScenarioRunner.load(paths: files, seedOverride: nil)
                for scenario in scenarios {
                    print(
                        "\(scenario.file): ok (\(scenario.name): \(scenario.topology.verticals.count) verticals, \(scenario.faults.count) faults, \(scenario.expectations.count) expectations)"
                    )
                }
            } catch {
                printError(error.description)
                throw ExitCode(2)
            }
        }
    }

    struct Faults: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every fault kind with its target and parameters.")

        func run() {
            print(FaultCatalog.text())
        }
    }
}
