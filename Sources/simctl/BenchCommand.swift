import ArgumentParser
import Foundation
import Sim

extension Simctl {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Run benchmark scenarios and print requests/s, time compression, peak RSS and the raw SQLite rate.",
            discussion: """
                Each scenario runs in its own child process so that its peak resident memory is its own. Build with \
                -c release. On a terminal a progress line shows each run's virtual time, requests and speed (not with --quiet).

                Examples:
                  simctl bench
                  simctl bench scenarios/bench/realistic.yaml --out /tmp/bench
                """
        )

        @Argument(help: "Benchmark scenario files (default: scenarios/bench/*.yaml).")
        var files: [String] = []

        @Option(help: "Parent folder of the benchmark run folders.")
        var out: String = ".sim/bench"

        @Flag(help: .hidden)
        var single = false

        @Flag(name: .shortAndLong, help: "No progress line.")
        var quiet = false

        /// Set by the parent for its child: draw the progress line on standard error.
        @Flag(help: .hidden)
        var progress = false

        func run() throws {
            let paths = files.isEmpty ? try defaultFiles() : files
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
            var rows: [Benchmark.Figures] = []
            for path in paths {
                let figures = try child(path)
                rows.append(figures)
                printError("\(figures.scenario): \(figures.requests) requests in \(Double(figures.wallMs) / 1000) s")
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
            let scenario = try ScenarioRunner.load(paths: [path], seedOverride: nil)[0]
            let reference = try Benchmark.sqliteReferenceRate(
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
