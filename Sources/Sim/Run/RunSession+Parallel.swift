import Foundation

extension RunSession {
    /// Runs each scenario in its own `simctl run` child process, at most `jobs` at once, and
    /// prints what each printed in the order the files were given. A child runs exactly what this
    /// process would (same file, seed, run folder and output files), so its trace and result are
    /// the same bytes as with `--jobs 1`. When a child reports that the simulator failed (exit 3),
    /// no further scenario is started.
    func runParallel(_ console: Console) -> Int32 {
        var tally = Tally()
        let pool = ProcessPool(executable: ProcessPool.currentExecutable(), width: min(options.jobs, plan.items.count))
        let display = options.progress ? ParallelProgress(total: plan.items.count, write: console.progressLine) : nil
        if let display {
            pool.onProgressLine = { index, line in
                if let progress = RunProgress(childLine: line) { display.update(index, progress) }
            }
            pool.onExit = { display.exited($0) }
        }
        var finished: [Int] = []
        do {
            let skipped = try pool.run(
                plan.items.map(childArguments), stopAfter: { $0.status >= 3 },
                deliver: { index, outcome in
                    let print = {
                        let out = String(decoding: outcome.stdout, as: UTF8.self)
                        let err = String(decoding: outcome.stderr, as: UTF8.self)
                        if !out.isEmpty { console.out(String(out.dropLast(out.hasSuffix("\n") ? 1 : 0))) }
                        if !err.isEmpty { console.err(String(err.dropLast(err.hasSuffix("\n") ? 1 : 0))) }
                    }
                    if let display { display.finished(index, print) } else { print() }
                    record(outcome.status, into: &tally, console, item: plan.items[index])
                    if outcome.status <= 1 { finished.append(index) }
                })
            display?.stop()
            if !skipped.isEmpty {
                console.err(
                    "simctl: not started after the failure: \(skipped.map { plan.items[$0].scenario.file }.joined(separator: ", "))"
                )
            }
        } catch {
            display?.stop()
            console.err(
                "simctl: cannot start a child process (\(pool.executable.path)): \(FileOperationError.describe(error))")
            return 3
        }
        if let junit = plan.junit {
            tally.outputFailed = !writeCombinedJUnit(junit, finished: finished, console) || tally.outputFailed
        }
        return tally.status
    }

    /// A child's exit status into the tally. A child refusing its input (2) means something changed
    /// between this process's checks and the child's: reported as bad input.
    func record(_ status: Int32, into tally: inout Tally, _ console: Console, item: RunPlan.Item) {
        switch status {
        case 0: break
        case 1: tally.allPassed = false
        case 2: tally.usageFailed = true
        case 3: tally.simulatorFailed = true
        default:
            tally.simulatorFailed = true
            console.err("simctl: the run of \(item.scenario.file) ended abnormally (exit status \(status))")
        }
    }

    /// One JUnit file of every finished run, read back from the run folders' `result.json`.
    func writeCombinedJUnit(_ junit: OutputFile, finished: [Int], _ console: Console) -> Bool {
        var results: [RunResult] = []
        for index in finished {
            let folder = plan.items[index].folder
            do {
                results.append(try RunResult(resultFile: folder.appendingPathComponent("result.json")))
            } catch {
                console.err(
                    "simctl: \(junit.option): cannot read \(folder.path)/result.json: \(FileOperationError.describe(error))"
                )
                return false
            }
        }
        return write(junit, Report.junit(results), console)
    }

    /// The child's command line: this scenario alone, into its planned folder and output files.
    func childArguments(_ item: RunPlan.Item) -> [String] {
        var arguments = [
            "run", item.scenario.file, "--seed", String(item.scenario.seed), "--out", item.folder.relativePath,
            "--jobs", "1", "--color", options.style.colour ? "always" : "never",
        ]
        arguments.append(options.progress ? "--progress-to-parent" : "--quiet")
        if options.json { arguments.append("--json") }
        if options.checkDeterminism { arguments.append("--check-determinism") }
        if options.allowLarge { arguments.append("--allow-large") }
        for name in item.scenario.ablations.names { arguments += ["--ablate", name] }
        if item.scenario.traceMessages { arguments += ["--trace-level", "messages"] }
        if let trace = item.trace { arguments += ["--trace", trace.url.path] }
        if let html = item.html { arguments += ["--html", html.url.path] }
        if let junit = item.junit { arguments += ["--junit", junit.url.path] }
        return arguments
    }
}

/// The progress line of a parallel run: scenarios finished of all, then each running one's
/// virtual time of its duration (from its child's progress lines), requests and the speed of the
/// slowest, redrawn in place at most ten times a second. Children report on their own threads,
/// so every write happens under one lock, and printing a finished scenario's output takes it too.
final class ParallelProgress: @unchecked Sendable {
    let total: Int
    let write: (String) -> Void
    // Everything below is guarded by `lock`.
    private let lock = NSLock()
    private var done = 0
    private var running: [Int: RunProgress] = [:]
    private var lastDrawn: ContinuousClock.Instant?  // wall-clock-ok: progress display throttle
    private let start = ContinuousClock.now  // wall-clock-ok: progress display only

    init(total: Int, write: @escaping (String) -> Void) {
        self.total = total
        self.write = write
    }

    /// A child's latest progress.
    func update(_ index: Int, _ progress: RunProgress) {
        lock.withLock {
            running[index] = progress
            let now = ContinuousClock.now  // wall-clock-ok
            if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
            lastDrawn = now
            draw(now)
        }
    }

    /// A child has exited: its scenario is done (its output comes in the order of the files).
    func exited(_ index: Int) {
        lock.withLock {
            running[index] = nil
            done += 1
            if done < total { draw(ContinuousClock.now) }  // wall-clock-ok
        }
    }

    /// Clears the line, runs `print` (a finished scenario's output), and draws the line again.
    func finished(_ index: Int, _ print: () -> Void) {
        lock.withLock {
            write("\r\u{1B}[K")
            print()
            if done < total { draw(ContinuousClock.now) }  // wall-clock-ok
        }
    }

    func stop() {
        lock.withLock { write("\r\u{1B}[K") }
    }

    /// `1/4 done  partition-heal 3m10s/10m00s  provider-outage 1m02s/30m00s  5120 requests  41s`.
    private func draw(_ now: ContinuousClock.Instant) {  // wall-clock-ok
        var parts = ["\(done)/\(total) done"]
        for (_, progress) in running.sorted(by: { $0.key < $1.key }) {
            let shownUs = min(progress.virtualUs, progress.durationUs)
            parts.append(
                "\(progress.scenario) \(FuzzProgress.clock(shownUs / 1000))/\(FuzzProgress.clock(progress.durationUs / 1000))\(progress.healing ? " healing" : "")"
            )
        }
        parts.append("\(running.values.reduce(0) { $0 + $1.requests }) requests")
        parts.append("\((now - start).components.seconds)s")
        write("\r\u{1B}[K" + parts.joined(separator: "  "))
    }
}
