import Foundation
import TestSupport
import Testing

@testable import Sim

/// The real `simctl` binary, as a careless user would run it (issue 10): in a folder of the
/// user's own files, with outputs pointing at folders, killed mid-run. Nothing of the user's is
/// ever lost and every exit status says what happened.
@Suite("simctl binary", .serialized)
struct SimctlBinaryTests {
    /// The `simctl` the package built: beside the test bundle, or in `.build/debug`.
    static let binary: URL? = {
        var candidates: [URL] = []
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(bundle.appendingPathComponent("simctl"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("simctl"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("simctl"))
        candidates.append(ScenarioFiles.root.appendingPathComponent(".build/debug/simctl"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs simctl in `directory` and waits for it.
    static func simctl(_ arguments: [String], in directory: URL) throws -> Outcome {
        let process = try start(arguments, in: directory)
        let out = process.standardOutput as! Pipe
        let err = process.standardError as! Pipe
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let binary = try #require(Self.binary, "simctl is built by `swift build` / `swift test`")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    /// A project folder with the user's files and a small scenario.
    static func project(_ scenario: String = RunFolderTests.tiny) throws -> (TemporaryFolder, URL) {
        let folder = TemporaryFolder("project")
        let root = folder.url
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("src"), withIntermediateDirectories: true)
        try Data("# my project\n".utf8).write(to: root.appendingPathComponent("README.md"))
        try Data("print(1)\n".utf8).write(to: root.appendingPathComponent("src/main.swift"))
        try Data(scenario.utf8).write(to: root.appendingPathComponent("tiny.yaml"))
        return (folder, root)
    }

    static func snapshot(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let relative = enumerator?.nextObject() as? String {
            let url = root.appendingPathComponent(relative)
            if RunFolder.kind(of: url) == .file { files[relative] = try Data(contentsOf: url) }
        }
        return files
    }

    /// Case 1: `run tiny.yaml --trace trace.jsonl` then `run tiny.yaml --out .` deleted the
    /// project. Now the second command is refused with exit 2 and every file is as it was.
    @Test func outDotInAProjectIsRefusedAndNothingIsTouched() throws {
        let (folder, root) = try Self.project()
        defer { folder.cleanup() }
        let first = try Self.simctl(["run", "tiny.yaml", "--trace", "trace.jsonl"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("trace.jsonl").path))
        let before = try Self.snapshot(root)
        let second = try Self.simctl(["run", "tiny.yaml", "--out", "."], in: root)
        #expect(second.status == 2)
        #expect(second.stderr.contains("no .simctl-run marker"), "\(second.stderr)")
        #expect(try Self.snapshot(root) == before, "the project is untouched")
        let third = try Self.simctl(["run", "tiny.yaml", "--out", "src"], in: root)
        #expect(third.status == 2)
        #expect(try Self.snapshot(root) == before)
    }

    /// Case 2: `--trace mydir` deleted the folder; `--out r --trace r/trace.jsonl` deleted the
    /// run's own trace. Both are refused before anything runs.
    @Test func traceIntoAFolderOrTheRunFolderIsRefused() throws {
        let (folder, root) = try Self.project()
        defer { folder.cleanup() }
        let before = try Self.snapshot(root)
        let intoSrc = try Self.simctl(["run", "tiny.yaml", "--trace", "src"], in: root)
        #expect(intoSrc.status == 2 && intoSrc.stderr.contains("is a folder"), "\(intoSrc.stderr)")
        let intoRun = try Self.simctl(["run", "tiny.yaml", "--out", "r", "--trace", "r/trace.jsonl"], in: root)
        #expect(intoRun.status == 2 && intoRun.stderr.contains("inside the run folder"), "\(intoRun.stderr)")
        #expect(try Self.snapshot(root) == before)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".sim").path))
    }

    /// Case 9: an unwritable `--junit` path is exit 2 before the run, not a raw NSError after it.
    @Test func unwritableJUnitPathIsFoundBeforeTheRun() throws {
        let (folder, root) = try Self.project()
        defer { folder.cleanup() }
        let outcome = try Self.simctl(["run", "tiny.yaml", "--junit", "README.md/out.xml"], in: root)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("--junit"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("NSCocoaErrorDomain"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".sim").path), "nothing ran")
    }

    /// Cases 5 and 10 through the binary: refused with exit 2 and a located message.
    @Test func badScenarioIsExitTwoWithALocation() throws {
        let (folder, root) = try Self.project("name: x\nduration: 10m\nworkload: {users: 5, rate: 1e-20/s}\n")
        defer { folder.cleanup() }
        let validate = try Self.simctl(["validate", "tiny.yaml"], in: root)
        #expect(validate.status == 2)
        #expect(validate.stderr.hasPrefix("tiny.yaml:3:28: workload.rate: expected a rate"), "\(validate.stderr)")
        let run = try Self.simctl(["run", "tiny.yaml"], in: root)
        #expect(run.status == 2)
    }

    @Test func ablateOnTheCommandLineRunsTheAblatedDesignAndListsIt() throws {
        let (folder, root) = try Self.project()
        defer { folder.cleanup() }
        let list = try Self.simctl(["ablations", "--json"], in: root)
        #expect(list.status == 0)
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 12)
        #expect(entries.first?["name"] as? String == "consumer-flag")
        #expect(entries.first?["caught_by"] as? [String] == ["sync_loops"])
        let unknown = try Self.simctl(["run", "tiny.yaml", "--ablate", "nope"], in: root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--ablate nope: unknown ablation (expected one of: consumer-flag"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".sim").path), "nothing ran")
        let ablated = try Self.simctl(
            ["run", "tiny.yaml", "--ablate", "tombstones", "--ablate", "consumer-flag", "--json"], in: root)
        #expect(ablated.stdout.contains(#""ablations":["consumer-flag","tombstones"]"#), "\(ablated.stdout)")
        let summary = try Self.simctl(["run", "tiny.yaml", "--ablate", "consumer-flag"], in: root)
        #expect(summary.stdout.hasPrefix("tiny (seed 1, ablated: consumer-flag): "), "\(summary.stdout)")
        let library = ScenarioFiles.root.appendingPathComponent("scenarios/ablations/consumer-flag.yaml").path
        #expect(try Self.simctl(["run", library, "--out", "healthy"], in: root).status == 0)
        let caught = try Self.simctl(["run", library, "--out", "ablated", "--ablate", "consumer-flag"], in: root)
        #expect(caught.status == 1, "an ablation its scenario catches exits 1")
        #expect(caught.stdout.contains("FAIL sync_loops"))
    }

    /// Case 3: after `kill -9` mid-run the earlier run is intact at its name and the partial run
    /// is under `.incomplete`; the next run replaces both.
    @Test func killedRunLeavesTheEarlierRunInPlace() throws {
        let slow = """
            name: slow
            duration: 2h
            topology: {use: standard, auth: {argon2: {memory: 64KiB, iterations: 1}}}
            workload: {users: 20, rate: 20/s}
            expect: {lost_writes: 0}
            """
        let (folder, root) = try Self.project(RunFolderTests.tiny)
        defer { folder.cleanup() }
        try Data(slow.utf8).write(to: root.appendingPathComponent("slow.yaml"))
        let first = try Self.simctl(["run", "tiny.yaml", "--out", "run"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        let earlier = try Data(contentsOf: root.appendingPathComponent("run/result.json"))
        // The slow scenario into the same folder, killed once its partial run has a trace.
        let process = try Self.start(["run", "slow.yaml", "--out", "run"], in: root)
        let partialTrace = root.appendingPathComponent("run.incomplete/trace.jsonl")
        let deadline = ContinuousClock.now + .seconds(60)
        // try?-ok: polling for a file that does not exist yet
        while ContinuousClock.now < deadline, (try? Data(contentsOf: partialTrace).count) ?? 0 < 10_000 {
            usleep(50_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try Data(contentsOf: root.appendingPathComponent("run/result.json")) == earlier)
        #expect(RunMarker.read(in: root.appendingPathComponent("run.incomplete"))?.complete == false)
        // The next run replaces the partial folder and the earlier run.
        let next = try Self.simctl(["run", "tiny.yaml", "--out", "run"], in: root)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("run.incomplete").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("run.replaced").path))
        #expect(RunMarker.read(in: root.appendingPathComponent("run"))?.complete == true)
    }

    /// Case 9: an output that cannot be written after the run never masks an expectation
    /// failure (exit 1); with every expectation met it is exit 3.
    @Test func outputFailureAfterTheRunKeepsExitOne() throws {
        let longer = RunFolderTests.tiny.replacingOccurrences(of: "duration: 2s", with: "duration: 30s")
        let failing = longer.replacingOccurrences(of: "{lost_writes: 0}", with: "{converged: false}")
        for (scenario, expected) in [(failing, Int32(1)), (longer, Int32(3))] {
            let (folder, root) = try Self.project(scenario)
            defer { folder.cleanup() }
            let process = try Self.start(["run", "tiny.yaml", "--out", "run", "--junit", "out.xml"], in: root)
            // Once the run has started, a folder takes the junit path: the write must fail.
            let staging = root.appendingPathComponent("run.incomplete")
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline, !FileManager.default.fileExists(atPath: staging.path) {
                usleep(2_000)
            }
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("out.xml/keep"), withIntermediateDirectories: true)
            let err = process.standardError as! Pipe
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == expected, "\(stderr)")
            #expect(stderr.contains("--junit"), "\(stderr)")
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out.xml/keep").path))
        }
    }

    /// A storage error on the simulated path (here every file is capped at 128 KiB, so SQLite's
    /// write-ahead log soon cannot grow): exit 3, a message naming the vertical and the operation,
    /// the partial run kept beside the place of the run, nothing else touched.
    @Test func aStorageErrorIsExitThreeNamingTheVerticalAndOperation() throws {
        let (folder, root) = try Self.project(
            """
            name: disk-full
            duration: 60s
            topology: {use: standard, auth: {argon2: {memory: 64KiB, iterations: 1}}}
            workload: {users: 20, rate: 20/s}
            expect: {lost_writes: 0}
            """)
        defer { folder.cleanup() }
        let binary = try #require(Self.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // An ignored SIGXFSZ stays ignored across exec: a write past the cap fails with EFBIG.
        process.arguments = [
            "-c", "trap '' XFSZ; ulimit -f 256; exec \"$0\" run tiny.yaml --out run", binary.path,
        ]
        process.currentDirectoryURL = root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3, "\(stderr)")
        #expect(
            stderr.contains("simctl: the simulator failed on disk-full (seed 1) while running the simulation"),
            "\(stderr)")
        #expect(stderr.contains("storage error on vertical "), "\(stderr)")
        #expect(stderr.contains(" while serving ") || stderr.contains(" while recording "), "\(stderr)")
        #expect(stderr.contains("the partial run is in"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("run").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path))
    }

    @Test func helpDocumentsExitThree() throws {
        let (folder, root) = try Self.project()
        defer { folder.cleanup() }
        let help = try Self.simctl(["--help"], in: root)
        #expect(help.status == 0)
        #expect(help.stdout.contains("3 the simulator itself failed"), "\(help.stdout)")
    }
}
