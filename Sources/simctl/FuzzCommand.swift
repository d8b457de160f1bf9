import ArgumentParser
import Foundation
import Sim

extension Simctl {
    struct Fuzz: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Swarm-fuzz a base scenario over a range of seeds, or merge the output of shards.",
            discussion: """
                simctl fuzz BASE.yaml --seeds FIRST..LAST [--jobs J] [--shard K/N] [--out DIR] [--json] runs a \
                campaign (the run subcommand); simctl fuzz merge FILE... combines shards. See docs/fuzzing.md.
                On a terminal a progress line shows seeds done, failures, seeds per minute and time left (not with \
                --quiet, nor when output is piped).
                Exit status: 0 no seed failed; 1 a seed failed; 2 bad input; 3 the simulator failed.

                Examples:
                  simctl fuzz scenarios/fuzz/small.yaml --seeds 1..1000
                  simctl fuzz scenarios/fuzz/large.yaml --seeds 1..100000 --shard 3/8 --out fuzz-out
                  simctl fuzz merge fuzz-out/seeds-*.jsonl
                """,
            subcommands: [FuzzRun.self, FuzzMerge.self], defaultSubcommand: FuzzRun.self)
    }

    struct FuzzRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Draw and run one scenario per seed; write failing seeds and their shrunk forms.",
            discussion: """
                `simctl fuzz BASE.yaml --seeds 1..1000` is short for `simctl fuzz run ...`. Failures go to \
                DIR/failures/, the JSON lines to DIR/seeds-K-of-N.jsonl.

                Examples:
                  simctl fuzz run scenarios/fuzz/small.yaml --seeds 1..1000 --jobs 2
                  simctl fuzz run scenarios/fuzz/small.yaml --seeds 1..50 --shrink-runs 50 --json
                """
        )

        @Argument(help: "The base scenario (its optional fuzz: block bounds what is drawn).")
        var base: String

        @Option(help: "Seeds to run, both ends included: FIRST..LAST.")
        var seeds: String

        @Option(help: "Seeds run at once, each in its own world on its own thread (default: the core count).")
        var jobs: Int?

        @Option(help: "Run only slice K of N (1-based) of the seeds: seed FIRST+i belongs to slice i%N+1.")
        var shard: String?

        @Option(help: "Output folder (default .sim/fuzz/NAME).")
        var out: String?

        @Option(help: "Parent of the per-seed run folders (default: /dev/shm if present, else the output folder).")
        var work: String?

        @Option(help: "Remove one mechanism of the design in every drawn scenario (repeatable).")
        var ablate: [String] = []

        @Option(help: "Most runs spent shrinking one failing seed (0 writes it unshrunk).")
        var shrinkRuns: Int = FuzzOptions.defaultShrinkRuns

        @Flag(help: "Print one JSON line per seed and a summary line instead of the human output.")
        var json = false

        @Flag(name: .shortAndLong, help: "No progress line.")
        var quiet = false

        func run() throws {
            let (campaign, folder) = try prepare()
            let json = json
            // The live line only on a terminal (standard output and error), never in a pipe or log.
            let terminal = isatty(STDOUT_FILENO) != 0 && isatty(STDERR_FILENO) != 0 && !quiet
            let display = FuzzProgressDisplay(isTerminal: true) { printError($0, newline: false) }
            // On a terminal the failure block first clears the progress line it would run into.
            let clear = terminal ? "\r\u{1B}[K" : ""
            if terminal { display.start(base: campaign.base.name) { campaign.progress() } }
            let summary: FuzzSummary
            do {
                summary = try campaign.run { outcome in
                    if json {
                        print(outcome.json().serialized())
                    } else if !outcome.pass {
                        print(clear + FuzzReport.failure(outcome))
                    }
                    fflush(nil)  // each line as it comes, also into a pipe or a pod's log
                }
            } catch {
                display.stop()
                printError("\(error)")
                throw ExitCode(3)
            }
            display.stop()
            print(json ? summary.json().serialized() : FuzzReport.summary(summary, merged: false))
            if !json { print("seed lines: \(folder.seedLines.relativePath)") }
            if summary.failed > 0 { throw ExitCode(1) }
        }

        /// Checks every input before anything is written (exit 2 on the first problem).
        func prepare() throws -> (FuzzCampaign, FuzzOutputFolder) {
            do {
                let scenario = try ScenarioRunner.load(paths: [base], seedOverride: nil)[0]
                let selection = try SeedSelection.parse(seeds: seeds, shard: shard)
                let jobs = jobs ?? min(ProcessInfo.processInfo.activeProcessorCount, FuzzOptions.maximumJobs)
                guard (1...FuzzOptions.maximumJobs).contains(jobs) else { throw FuzzRequestError.jobs("\(jobs)") }
                guard (0...100_000).contains(shrinkRuns) else { throw FuzzRequestError.shrinkRuns("\(shrinkRuns)") }
                try FuzzAblations.validate(ablate)
                let folder = try FuzzOutputFolder(
                    url: URL(fileURLWithPath: out ?? ".sim/fuzz/\(scenario.name)"), selection: selection,
                    workParent: work.map { URL(fileURLWithPath: $0) } ?? FuzzOutputFolder.defaultWorkParent())
                let options = FuzzOptions(selection: selection, jobs: jobs, shrinkRuns: shrinkRuns, ablations: ablate)
                return (FuzzCampaign(base: scenario, options: options, folder: folder), folder)
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
        }
    }

    struct FuzzMerge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Combine the JSON lines of several fuzz shards into one summary (the same in any order).",
            discussion: """
                Exit status: 0 every seed of the ranges passed; 1 a seed failed or seeds are missing; 2 bad input.

                Examples:
                  simctl fuzz merge out/seeds-1-of-4.jsonl out/seeds-2-of-4.jsonl out/seeds-3-of-4.jsonl out/seeds-4-of-4.jsonl
                  simctl fuzz merge shard-*/seeds-*.jsonl --json
                """)

        @Argument(help: "JSON lines files written by simctl fuzz (DIR/seeds-K-of-N.jsonl, or saved --json output).")
        var files: [String]

        @Flag(help: "Print the merged summary as one JSON line.")
        var json = false

        func run() throws {
            let summary: FuzzSummary
            do {
                let texts = try files.map { path -> (name: String, text: String) in
                    guard let data = FileManager.default.contents(atPath: path),
                        let text = String(data: data, encoding: .utf8)
                    else {
                        throw ValidationError(
                            "\(path):1:1: cannot read the file (expected JSON lines from simctl fuzz)")
                    }
                    return (path, text)
                }
                summary = try FuzzSummary.merge(texts)
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            print(json ? summary.json().serialized() : FuzzReport.summary(summary, merged: true))
            if summary.failed > 0 || !summary.complete { throw ExitCode(1) }
        }
    }
}
