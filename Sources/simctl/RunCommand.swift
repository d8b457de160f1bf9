import ArgumentParser
import Foundation
import Live
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

                Several scenarios run in parallel processes (--jobs, default the core count); results are printed in \
                the order the files were given and every trace and result is the same as with --jobs 1. With several \
                scenarios --trace and --html name a folder (one NAME-seedN.jsonl / .html per scenario); --junit names \
                one report of every run, or an existing folder for one NAME-seedN.xml per scenario.

                On a terminal a progress line shows virtual time, requests, speed and time left (not with --quiet or \
                when standard output is not a terminal); PASS/FAIL are coloured unless NO_COLOR is set or output is piped.

                Exit status: 0 every expectation held; 1 an expectation failed; 2 bad input or usage (nothing ran); \
                3 the simulator itself failed, or an output file could not be written after the runs (an expectation \
                failure still exits 1).

                Examples:
                  simctl run scenarios/steady-state.yaml
                  simctl run scenarios/*.yaml --junit chaos.xml --trace traces/
                  simctl run scenarios/provider-outage.yaml --seed 42 --html outage.html --check-determinism
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

        @Option(help: "Also copy the trace (JSON lines) to this file (several scenarios: this folder).")
        var trace: String?

        @Option(
            help: "Write a JUnit XML report to this file (several scenarios: or an existing folder, one file each).")
        var junit: String?

        @Flag(help: "Run each scenario twice and fail if the traces or results differ.")
        var checkDeterminism = false

        @Option(help: "Also draw the run's self-contained HTML report to this file (several scenarios: this folder).")
        var html: String?

        @Flag(help: "Raise the work budget tenfold, for deliberately large runs (see docs/scenario-format.md).")
        var allowLarge = false

        @Option(
            help:
                "Scenarios run at once, each in its own process (1 to \(RunSession.maximumJobs); default: the core count)."
        )
        var jobs: Int?

        /// `--jobs`, or the core count (not shown as a default: the help must not depend on the machine).
        var jobCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

        @Flag(name: .shortAndLong, help: "No progress line.")
        var quiet = false

        @Option(help: "Colour the summary: auto (a terminal without NO_COLOR), always or never.")
        var color: TextStyle.Mode = .auto

        /// Set by a parent `simctl run --jobs` for its children: progress lines for the parent on standard error.
        @Flag(help: .hidden)
        var progressToParent = false

        @Option(
            name: .customLong("ablate"),
            help: ArgumentHelp(
                "Remove one mechanism of the design (repeatable; `simctl ablations` lists them).",
                valueName: "name"))
        var ablate: [String] = []

        @Option(
            name: .customLong("trace-level"),
            help: ArgumentHelp(
                "`events` (the default) or `messages`: each sync.send trace line also carries the envelope's Standard Webhooks headers and its exact signed body.",
                valueName: "level"))
        var traceLevel: RunPlan.TraceLevel = .events

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one scenario file") }
            if let jobs, !(1...RunSession.maximumJobs).contains(jobs) {
                throw ValidationError("--jobs \(jobs) is out of range (expected 1 to \(RunSession.maximumJobs))")
            }
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
            request.traceLevel = traceLevel
            let plan: RunPlan
            do {
                plan = try RunPlan(request)
            } catch {
                printError(error.description)
                throw ExitCode(2)
            }
            var options = RunSession.Options()
            options.json = json
            options.checkDeterminism = checkDeterminism
            options.allowLarge = allowLarge
            options.jobs = min(jobCount, RunSession.maximumJobs)
            options.colorMode = color
            let terminal = isatty(STDOUT_FILENO) != 0
            options.style = TextStyle(
                mode: color, isTerminal: terminal, environment: ProcessInfo.processInfo.environment)
            options.progress = terminal && isatty(STDERR_FILENO) != 0 && !quiet && !json
            options.progressToParent = progressToParent
            let session = RunSession(plan: plan, options: options) { try RunReport.html(folder: $0.path) }
            let status = session.execute(RunSession.Console.standard)
            if status != 0 { throw ExitCode(status) }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse and check scenarios without running them; report every error of every file.",
            discussion: """
                Prints `FILE: ok (...)` for each valid file on standard output and every error of every invalid one \
                on standard error, each as FILE:LINE:COLUMN: what is wrong (expected ...), then a count. Errors in \
                independent values (keys, faults, script steps, expectations, topology sections) are all reported; \
                values that depend on a broken one are checked once it is fixed. Exit status: 0 every file is \
                valid; 2 otherwise.

                Examples:
                  simctl validate scenarios/*.yaml
                  simctl validate my-scenario.yaml --allow-large
                """)

        @Argument(help: "Scenario files.")
        var files: [String]

        @Flag(help: "Check against the tenfold work budget of `simctl run --allow-large`.")
        var allowLarge = false

        func run() throws {
            let report = ScenarioValidation(paths: files, options: ScenarioLoader.Options(allowLarge: allowLarge))
            for line in report.okLines { print(line) }
            for error in report.errors { printError(error.description) }
            if let summary = report.summaryLine {
                printError(summary)
                throw ExitCode(2)
            }
        }
    }

    struct Faults: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every fault kind with its target and parameters.",
            discussion: """
                `simctl explain KIND` says more about one kind: what it does, what the result counts of it, and \
                the library scenario that shows it.

                With --control URL, lists instead the faults in force on a topology `simctl serve` runs.

                Examples:
                  simctl faults
                  simctl explain partition
                  simctl faults --control http://127.0.0.1:8180
                """)

        @Option(help: "A live control server's URL: list the faults in force there.")
        var control: String?

        func run() throws {
            guard let control else {
                print(FaultCatalog.text())
                return
            }
            let lines = try Simctl.awaitLive { try await ControlClient.list(control: control) }
            print(lines.isEmpty ? "no fault in force" : lines.joined(separator: "\n"))
        }
    }
}

extension RunPlan.TraceLevel: ExpressibleByArgument {}
