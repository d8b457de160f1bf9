import ArgumentParser
import Foundation
import Sim

extension Simctl {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Run benchmark scenarios and print requests/s, time compression, peak RSS and the raw SQLite rate.",
            discussion: """
                Each scenario runs --runs times (default 3), each time in its own child process so that its peak resident \
                memory is its own and the raw SQLite rate is measured in that same process; the table shows the median \
                run with the fastest and slowest wall time. When valgrind (and strip) are installed, a slice of each \
                scenario (its first 10 virtual seconds) also runs under callgrind for its instructions per request, a \
                count immune to the machine's load (--no-instructions skips it). Build with -c release. On a terminal a \
                progress line shows each run's virtual time, requests and speed (not with --quiet).

                Examples:
                  simctl bench
                  simctl bench scenarios/bench/realistic.yaml --out /tmp/bench
                """
        )

        @Argument(help: "Benchmark scenario files (default: scenarios/bench/*.yaml).")
        var files: [String] = []

        @Option(help: "Parent folder of the benchmark run folders.")
        var out: String = ".sim/bench"

        @Option(help: "Runs of each scenario (1 to 20); the table shows the median and the spread.")
        var runs: Int = 3

        @Flag(help: "Do not count instructions under valgrind even when it is installed.")
        var noInstructions = false

        @Flag(help: .hidden)
        var single = false

        /// Set by the parent for the callgrind child: run only the first N virtual seconds, no SQLite reference.
        @Option(help: .hidden)
        var sliceSeconds: Int64?

        @Flag(name: .shortAndLong, help: "No progress line.")
        var quiet = false

        /// Set by the parent for its child: draw the progress line on standard error.
        @Flag(help: .hidden)
        var progress = false

        func run() throws {
            let paths = files.isEmpty ? try defaultFiles() : files
            guard (1...20).contains(runs) else {
                printError("--runs \(runs) is outside 1...20")
                throw ExitCode(2)
            }
            do {
                let scenarios = try ScenarioRunner.load(paths: paths, seedOverride: nil)
                if !single {
                    try ScenarioRunner.checkFolders(scenarios.map { runFolder($0) })
                }
            } catch {
                printError(error.description)
                throw ExitCode(2)
            }
            if single {
                guard let path = paths.first, paths.count == 1 else { throw ValidationError("--single takes one file") }
                let figures = try measure(path)
                print(figures.json())
                return
            }
            let counter = noInstructions ? nil : InstructionCounter.make(out: out)
            defer { counter?.remove() }
            var rows: [Benchmark.Summary] = []
            for path in paths {
                var figures: [Benchmark.Figures] = []
                for run in 1...runs {
                    let one = try child(path)
                    figures.append(one)
                    printError(
                        "\(one.scenario) run \(run)/\(runs): \(one.requests) requests in \(Double(one.wallMs) / 1000) s"
                    )
                }
                var summary = Benchmark.Summary(runs: figures)
                if let counter {
                    summary.instructionsPerRequest = try counter.perRequest(path, out: out)
                }
                rows.append(summary)
            }
            print(Benchmark.table(rows))
            if rows.contains(where: { !$0.pass }) { throw ExitCode(1) }
        }

        func defaultFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: "scenarios/bench").filter { $0.hasSuffix(".yaml") }
                .sorted()
                .map { "scenarios/bench/\($0)" }
        }

        /// The run folder of a benchmark scenario: `OUT/NAME`.
        func runFolder(_ scenario: Scenario) -> URL {
            URL(fileURLWithPath: out).appendingPathComponent(scenario.name)
        }

        /// Runs one scenario in this process.
        func measure(_ path: String) throws -> Benchmark.Figures {
            var scenario = try ScenarioRunner.load(paths: [path], seedOverride: nil)[0]
            if let sliceSeconds {
                scenario.durationUs = min(scenario.durationUs, sliceSeconds * 1_000_000)
                scenario.name += "-slice"
            }
            let reference =
                sliceSeconds != nil
                ? 0
                : try Benchmark.sqliteReferenceRate(
                    directory: URL(fileURLWithPath: out).appendingPathComponent(".sqlite-reference-\(getpid())"))
            let display = progress ? RunProgressDisplay { printError($0, newline: false) } : nil
            let result = try ScenarioRunner.run(scenario, folder: runFolder(scenario), progress: display?.update)
            display?.clear()
            return Benchmark.Figures(
                result: result, peakRSSKiB: Benchmark.peakRSSKiB(), sqliteReferencePerSecond: reference)
        }

        /// Runs one scenario in a child process and reads its figures.
        func child(_ path: String) throws -> Benchmark.Figures {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
                process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            }
            let terminal = isatty(STDOUT_FILENO) != 0 && isatty(STDERR_FILENO) != 0 && !quiet
            process.arguments = ["bench", "--single", "--out", out, path] + (terminal ? ["--progress"] : [])
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                let line = String(data: data, encoding: .utf8)?.split(separator: "\n").last,
                let figures = Benchmark.Figures(json: String(line))
            else {
                throw ValidationError("benchmark of \(path) failed (exit \(process.terminationStatus))")
            }
            return figures
        }
    }
}

/// Counts a scenario slice's instructions with callgrind: valgrind cannot read the DWARF 5 of a
/// Swift 6 binary, so it runs a copy of simctl stripped of its debug information (made in the
/// bench folder and removed afterwards).
struct InstructionCounter {
    let valgrind: String
    let stripped: URL

    /// A counter when valgrind and strip are on PATH and the copy could be made; nil otherwise.
    static func make(out: String) -> InstructionCounter? {
        guard let valgrind = which("valgrind"), let strip = which("strip") else { return nil }
        let folder = URL(fileURLWithPath: out)
        let stripped = folder.appendingPathComponent(".simctl-stripped-\(getpid())")
        let source = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: strip)
            process.arguments = ["--strip-debug", "-o", stripped.path, source.path]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
        } catch {
            printError("not counting instructions: \(error)")
            return nil
        }
        return InstructionCounter(valgrind: valgrind, stripped: stripped)
    }

    static func which(_ tool: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Removes the stripped copy.
    func remove() {
        try? FileManager.default.removeItem(at: stripped)  // try?-ok: our own scratch copy
    }

    /// Runs the first ``Benchmark/instructionSliceSeconds`` of `path` under callgrind and divides
    /// the instructions of the whole process by the requests the slice simulated.
    func perRequest(_ path: String, out: String) throws -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: valgrind)
        process.arguments = [
            "--tool=callgrind", "--callgrind-out-file=/dev/null", stripped.path, "bench", "--single", "--out", out,
            "--slice-seconds", String(Benchmark.instructionSliceSeconds), path,
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let line = String(decoding: stdout, as: UTF8.self).split(separator: "\n").last,
            let figures = Benchmark.Figures(json: String(line)), figures.requests > 0,
            let collected = String(decoding: stderr, as: UTF8.self).split(separator: "\n")
                .first(where: { $0.contains("Collected :") })?.split(separator: ":").last
                .flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) })
        else {
            printError("callgrind run of \(path) failed (exit \(process.terminationStatus)); no instruction count")
            return nil
        }
        return Double(collected) / Double(figures.requests)
    }
}
