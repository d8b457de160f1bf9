import Foundation

/// Carries out a checked ``RunPlan``: each scenario in this process one after the other, or, with
/// `jobs` above 1 and several scenarios, each in its own `simctl` child process, at most `jobs` at
/// once (see ``RunSession/runParallel(_:)``). Either way results are printed in the order the
/// files were given, and each run's folder, trace and result are the same bytes.
///
/// `simctl run` is this and nothing more: it parses options into a ``RunSession`` and exits with
/// what ``execute(_:)`` returns.
public struct RunSession {
    /// What the user asked for beyond the plan.
    public struct Options: Sendable {
        /// `--json`: one JSON result per line instead of the summary.
        public var json = false
        public var checkDeterminism = false
        public var allowLarge = false
        /// `--jobs`: scenarios run at once, each in its own process.
        public var jobs = 1
        /// `--color`, as given (passed on to child processes).
        public var colorMode = TextStyle.Mode.auto
        /// The resolved style of the summary.
        public var style = TextStyle.plain
        /// Whether to draw the progress line (a terminal, and no `--quiet`).
        public var progress = false
        /// A child of a parallel run: write progress lines for the parent instead.
        public var progressToParent = false

        public init() {}
    }

    /// Where the session writes: standard output, standard error, and the progress line.
    public struct Console {
        public var out: (String) -> Void
        public var err: (String) -> Void
        /// Bytes for the terminal's progress line (standard error), without a newline.
        public var progressLine: (String) -> Void

        public init(
            out: @escaping (String) -> Void, err: @escaping (String) -> Void,
            progressLine: @escaping (String) -> Void
        ) {
            self.out = out
            self.err = err
            self.progressLine = progressLine
        }
    }

    /// The most scenarios `--jobs` runs at once.
    public static let maximumJobs = 64

    public let plan: RunPlan
    public let options: Options
    /// Draws a run folder's HTML report (`--html`); the report lives in a target above this one.
    let drawReport: (URL) throws -> String

    public init(plan: RunPlan, options: Options, drawReport: @escaping (URL) throws -> String) {
        self.plan = plan
        self.options = options
        self.drawReport = drawReport
    }

    /// What the runs came to, as an exit status: 3 when the simulator failed, else 1 when an
    /// expectation (or a determinism check) failed, else 3 when an output could not be written,
    /// else 0. An expectation failure is never masked by an output problem.
    struct Tally {
        var allPassed = true
        var outputFailed = false
        var simulatorFailed = false
        var usageFailed = false

        var status: Int32 {
            if simulatorFailed { return 3 }
            if usageFailed { return 2 }
            if !allPassed { return 1 }
            return outputFailed ? 3 : 0
        }
    }

    /// Runs everything and returns the exit status.
    public func execute(_ console: Console) -> Int32 {
        do {
            try plan.createOutputFolders()
        } catch {
            console.err("simctl: \(error.description)")
            return 3
        }
        if options.jobs > 1, plan.items.count > 1 { return runParallel(console) }
        return runSequential(console)
    }

    func runSequential(_ console: Console) -> Int32 {
        var tally = Tally()
        var results: [RunResult] = []
        let display =
            options.progressToParent
            ? RunProgressDisplay(forParent: true, write: console.progressLine)
            : options.progress ? RunProgressDisplay(write: console.progressLine) : nil
        for item in plan.items {
            let result: RunResult
            var determinism: DeterminismReport?
            do {
                result = try ScenarioRunner.run(item.scenario, folder: item.folder, progress: display?.update)
                if options.checkDeterminism {
                    determinism = try ScenarioRunner.checkDeterminism(
                        item.scenario, first: result, folder: item.folder, progress: display?.update)
                }
            } catch {
                display?.clear()
                console.err(Self.failureMessage(error))
                return 3
            }
            display?.clear()
            tally.allPassed = tally.allPassed && result.pass && (determinism?.identical ?? true)
            results.append(result)
            console.out(
                options.json
                    ? result.json().serialized()
                    : Report.summary(
                        result, folder: item.folder, description: item.scenario.description,
                        determinism: determinism, style: options.style))
            tally.outputFailed = !writeOutputs(of: item, result: result, console) || tally.outputFailed
        }
        if let junit = plan.junit {
            tally.outputFailed = !write(junit, Report.junit(results), console) || tally.outputFailed
        }
        return tally.status
    }

    /// Writes `--trace`, `--html` and a per-scenario `--junit` of one run; false if one failed
    /// (each failure is reported, and the others are still written).
    func writeOutputs(of item: RunPlan.Item, result: RunResult, _ console: Console) -> Bool {
        var ok = true
        if let trace = item.trace {
            do {
                try trace.copy(from: item.folder.appendingPathComponent("trace.jsonl"))
            } catch {
                console.err("simctl: \(trace.option): \(error.description)")
                ok = false
            }
        }
        if let html = item.html {
            do {
                try html.write(try drawReport(item.folder))
            } catch {
                console.err("simctl: \(html.option): cannot draw the report of \(item.folder.path): \(error)")
                ok = false
            }
        }
        if let junit = item.junit {
            ok = write(junit, Report.junit([result]), console) && ok
        }
        return ok
    }

    func write(_ output: OutputFile, _ text: String, _ console: Console) -> Bool {
        do {
            try output.write(text)
            return true
        } catch {
            console.err("simctl: \(output.option): \(error.description)")
            return false
        }
    }

    /// The message for an error of the simulator itself (exit 3).
    public static func failureMessage(_ error: any Error) -> String {
        if let failure = error as? RunFailure { return failure.description }
        return "simctl: the simulator itself failed: \(FileOperationError.describe(error))"
    }
}
