import ArgumentParser
import Foundation
import Report
import Sim

extension Simctl {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run scenarios and check their expectations.",
            discussion: """
                Writes each run's folder (default .sim/runs/NAME-seedN): one SQLite file, bucket and log per vertical, \
                trace.jsonl and result.json. The run is written into NAME-seedN.incomplete and takes the folder's place \
                only once it has completed; simctl replaces only folders carrying its .simctl-run marker.

                Exit status: 0 every expectation held; 1 an expectation failed; 2 bad input or usage (nothing ran); \
                3 the simulator itself failed, or an output file could not be written after the runs (an expectation \
                failure still exits 1).
                """
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

        @Option(help: "Also draw the run's self-contained HTML report to this file (one scenario file).")
        var html: String?

        @Flag(help: "Raise the work budget tenfold, for deliberately large runs (see docs/scenario-format.md).")
        var allowLarge = false

        @Option(
            name: .customLong("ablate"),
            help: ArgumentHelp(
                "Remove one mechanism of the design (repeatable; `simctl ablations` lists them).",
                valueName: "name"))
        var ablate: [String] = []

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one scenario file") }
            if trace != nil, files.count > 1 { throw ValidationError("--trace takes one scenario file") }
            if html != nil, files.count > 1 { throw ValidationError("--html takes one scenario file") }
        }

        func run() throws {
            var request = RunPlan.Request(files: files)
            request.seed = seed
            request.out = out
            request.trace = trace
            request.junit = junit
            request.html = html
            request.checkDeterminism = checkDeterminism
            request.allowLarge = allowLarge
            request.ablate = ablate
            let plan: RunPlan
            do {
                plan = try RunPlan(request)
            } catch {
                printError(error.description)
                throw ExitCode(2)
            }
            var results: [RunResult] = []
            var allPassed = true
            var outputFailed = false
            for item in plan.items {
                let result: RunResult
                var determinism: DeterminismReport?
                do {
                    result = try ScenarioRunner.run(item.scenario, folder: item.folder)
                    if checkDeterminism {
                        determinism = try ScenarioRunner.checkDeterminism(
                            item.scenario, first: result, folder: item.folder)
                    }
                } catch {
                    printError(Simctl.failureMessage(error))
                    throw ExitCode(3)
                }
                allPassed = allPassed && result.pass && (determinism?.identical ?? true)
                results.append(result)
                if json {
                    print(result.json().serialized())
                } else {
                    print(Report.summary(result, folder: item.folder, determinism: determinism))
                }
                if let output = plan.trace {
                    outputFailed =
                        !write(output) { () throws(FileOperationError) in
                            try output.copy(from: item.folder.appendingPathComponent("trace.jsonl"))
                        }
                        || outputFailed
                }
                if let output = plan.html {
                    outputFailed = !drawReport(of: item.folder, to: output) || outputFailed
                }
            }
            if let output = plan.junit {
                outputFailed =
                    !write(output) { () throws(FileOperationError) in
                        try output.write(Data(Report.junit(results).utf8))
                    } || outputFailed
            }
            // An expectation failure is never masked by an output problem.
            if !allPassed { throw ExitCode(1) }
            if outputFailed { throw ExitCode(3) }
        }

        /// Draws the HTML report of the run in `folder` to `output`; a failure is reported and remembered.
        private func drawReport(of folder: URL, to output: OutputFile) -> Bool {
            let html: String
            do {
                html = try RunReport.html(folder: folder.path)
            } catch {
                printError("simctl: \(output.option): cannot draw the report of \(folder.path): \(error)")
                return false
            }
            return write(output) { () throws(FileOperationError) in try output.write(html) }
        }

        /// Writes one output; a failure is reported and remembered, and the other outputs are still written.
        private func write(_ output: OutputFile, _ body: () throws(FileOperationError) -> Void) -> Bool {
            do {
                try body()
                return true
            } catch {
                printError("simctl: \(output.option): \(error.description)")
                return false
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse and check scenarios without running them.")

        @Argument(help: "Scenario files.")
        var files: [String]

        @Flag(help: "Check against the tenfold work budget of `simctl run --allow-large`.")
        var allowLarge = false

        func run() throws {
            do {
                let scenarios = try ScenarioRunner.load(
                    paths: files, seedOverride: nil, options: ScenarioLoader.Options(allowLarge: allowLarge))
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
