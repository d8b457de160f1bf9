import Foundation
import TestSupport
import Testing

@testable import Sim

/// Run folders and output files (issue 10, cases 1, 2, 3, 9 and 10), in process: simctl replaces
/// only what carries its marker, only once the new run has completed, and checks every output
/// before anything runs.
@Suite("Run folders and outputs")
struct RunFolderTests {
    static let tiny = """
        name: tiny
        duration: 2s
        topology: {use: standard, auth: {argon2: {memory: 64KiB, iterations: 1}}}
        workload: {users: 2, rate: 2/s}
        expect: {lost_writes: 0}
        """

    /// A scratch folder holding `tiny.yaml`.
    struct Sandbox {
        let folder = TemporaryFolder("sandbox")
        var root: URL { folder.url }
        var scenarioPath: String { root.appendingPathComponent("tiny.yaml").path }

        init(scenario: String = RunFolderTests.tiny) throws {
            try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
            try Data(scenario.utf8).write(to: URL(fileURLWithPath: scenarioPath))
        }

        func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

        func write(_ relative: String, _ text: String = "user data\n") throws {
            let url = url(relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }

        func request(out: String? = nil, trace: String? = nil, junit: String? = nil) -> RunPlan.Request {
            var request = RunPlan.Request(files: [scenarioPath])
            request.out = out.map { url($0).path }
            request.trace = trace.map { url($0).path }
            request.junit = junit.map { url($0).path }
            return request
        }
    }

    static func refusal(_ request: RunPlan.Request) -> String? {
        do {
            _ = try RunPlan(request)
            return nil
        } catch {
            return error.description
        }
    }

    /// Case 1: `--out` naming a folder of user files (the issue's `--out .`) is refused; nothing
    /// in it is touched, even when it holds a trace.jsonl or result.json.
    @Test func folderOfUserFilesIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        try sandbox.write("project/README.md")
        try sandbox.write("project/trace.jsonl")
        try sandbox.write("project/result.json")
        let message = try #require(Self.refusal(sandbox.request(out: "project")))
        #expect(message.contains("no .simctl-run marker"), "\(message)")
        #expect(sandbox.exists("project/README.md") && sandbox.exists("project/trace.jsonl"))
        #expect(!sandbox.exists("project.incomplete"))
    }

    @Test func outNamingAFileIsRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        try sandbox.write("notes.txt")
        let message = try #require(Self.refusal(sandbox.request(out: "notes.txt")))
        #expect(message.contains("is not a folder"), "\(message)")
        #expect(try String(contentsOf: sandbox.url("notes.txt"), encoding: .utf8) == "user data\n")
    }

    @Test func foldersNamedLikeOurSiblingsAreNotOurs() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        try sandbox.write("run.incomplete/mine.txt")
        let message = try #require(Self.refusal(sandbox.request(out: "run")))
        #expect(message.contains("run.incomplete"), "\(message)")
        #expect(sandbox.exists("run.incomplete/mine.txt"))
    }

    /// A run writes its marker; a second run replaces the first only once it has completed, and
    /// a file a user added to a run folder keeps the folder from being replaced.
    @Test func markedRunIsReplacedAndForeignFilesProtectIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        let plan = try RunPlan(sandbox.request(out: "run"))
        let folder = plan.items[0].folder
        _ = try ScenarioRunner.run(plan.items[0].scenario, folder: folder)
        let marker = try #require(RunMarker.read(in: folder))
        #expect(marker.scenario == "tiny" && marker.seed == 1 && marker.complete)
        #expect(marker.entries.contains("result.json") && marker.entries.contains("aws.sqlite"))
        #expect(!sandbox.exists("run.incomplete") && !sandbox.exists("run.replaced"))
        #expect(!sandbox.exists("run/aws.sqlite-wal"), "databases closed and checkpointed")
        // A second run replaces it.
        _ = try RunPlan(sandbox.request(out: "run"))
        _ = try ScenarioRunner.run(plan.items[0].scenario, folder: folder)
        #expect(sandbox.exists("run/result.json") && !sandbox.exists("run.replaced"))
        // A user's file in it: refused, untouched.
        try sandbox.write("run/notes.md")
        let message = try #require(Self.refusal(sandbox.request(out: "run")))
        #expect(message.contains("holds notes.md"), "\(message)")
        #expect(sandbox.exists("run/notes.md") && sandbox.exists("run/result.json"))
    }

    /// Case 3: a run that fails at run time leaves the earlier run untouched and its own partial
    /// folder named `.incomplete`; the next run replaces that partial folder.
    @Test func failedRunLeavesTheEarlierRunAndAnIncompleteFolder() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        let plan = try RunPlan(sandbox.request(out: "run"))
        let folder = plan.items[0].folder
        let first = try ScenarioRunner.run(plan.items[0].scenario, folder: folder)
        let earlier = try Data(contentsOf: folder.appendingPathComponent("result.json"))
        // A folder where the vertical's database must go makes the storage fail mid-start.
        let runFolder = RunFolder(folder)
        let staging = try runFolder.beginStaging(RunMarker(scenario: "tiny", seed: 1))
        try FileManager.default.createDirectory(
            at: staging.appendingPathComponent("aws.sqlite"), withIntermediateDirectories: true)
        do {
            _ = try Simulation(scenario: plan.items[0].scenario, directory: staging).run()
            Issue.record("expected a storage failure")
        } catch {
            #expect(!FileOperationError.describe(error).isEmpty)
        }
        #expect(try Data(contentsOf: folder.appendingPathComponent("result.json")) == earlier)
        #expect(RunMarker.read(in: staging) != nil, "the partial run is recognisably simctl's")
        // The next run replaces the partial folder and the earlier run.
        _ = try RunPlan(sandbox.request(out: "run"))
        let second = try ScenarioRunner.run(plan.items[0].scenario, folder: folder)
        #expect(second.traceSHA256 == first.traceSHA256)
        #expect(!sandbox.exists("run.incomplete"))
        #expect(RunMarker.read(in: folder)?.complete == true)
    }

    @Test func runFailureIsAnExitThreeMessageNamingTheRuns() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        let plan = try RunPlan(sandbox.request(out: "run"))
        let folder = plan.items[0].folder
        _ = try ScenarioRunner.run(plan.items[0].scenario, folder: folder)
        // Replace the staging folder's parent path by a file: creating NAME.incomplete fails.
        let blocker = RunFolder(folder).staging
        try Data("x".utf8).write(to: blocker)
        defer { unlink(blocker.path) }
        do {
            _ = try ScenarioRunner.run(plan.items[0].scenario, folder: folder)
            Issue.record("expected a failure")
        } catch let failure as RunFailure {
            #expect(failure.description.contains("the simulator failed on tiny (seed 1) while creating the run folder"))
            #expect(failure.description.contains("untouched"))
        }
        #expect(sandbox.exists("run/result.json"))
    }

    /// Case 10: two scenarios that would share a folder in one invocation.
    @Test func twoRunsSharingAFolderAreRefused() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        try sandbox.write("copy/tiny.yaml", Self.tiny)
        var request = sandbox.request(out: "runs")
        request.files.append(sandbox.url("copy/tiny.yaml").path)
        let message = try #require(Self.refusal(request))
        #expect(message.contains("share"), "\(message)")
        #expect(!sandbox.exists("runs"))
    }

    /// Case 2: `--trace` naming a folder, or a file inside the run folder, is refused before the run.
    @Test func outputsAreCheckedBeforeTheRun() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        try sandbox.write("mydir/keep.txt")
        #expect(Self.refusal(sandbox.request(trace: "mydir"))?.contains("is a folder") == true)
        #expect(sandbox.exists("mydir/keep.txt"))
        #expect(
            Self.refusal(sandbox.request(out: "r", trace: "r/trace.jsonl"))?.contains("inside the run folder") == true)
        #expect(Self.refusal(sandbox.request(junit: "tiny.yaml"))?.contains("one of the scenario files") == true)
        #expect(Self.refusal(sandbox.request(trace: "x.out", junit: "x.out"))?.contains("same file") == true)
        // Case 9: an unwritable path (its folder is a file) is found before the run.
        try sandbox.write("afile")
        #expect(Self.refusal(sandbox.request(junit: "afile/out.xml"))?.contains("does not exist") == true)
        #expect(Self.refusal(sandbox.request(junit: "missing/out.xml"))?.contains("does not exist") == true)
        #expect(!sandbox.exists(".sim"), "nothing ran")
    }

    @Test func outputFileIsWrittenBesideItsTargetAndRenamed() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        // A file simctl did not write is refused before anything is written.
        try sandbox.write("out.xml", "old\n")
        let output = OutputFile(option: "--junit", path: sandbox.url("out.xml").path, kind: .junit)
        #expect(throws: (any Error).self) { try output.preflight() }
        #expect(try String(contentsOf: sandbox.url("out.xml"), encoding: .utf8) == "old\n")
        // An earlier output of simctl is replaced.
        let earlier = "<!-- \(OutputFile.marker) -->\nold\n"
        try sandbox.write("out.xml", earlier)
        try output.preflight()
        try output.write(Data("new\n".utf8))
        #expect(try String(contentsOf: sandbox.url("out.xml"), encoding: .utf8) == "new\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.root.path)
            .filter { $0.contains("simctl-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        // A folder appearing at the path after the check: reported, nothing removed.
        try FileManager.default.removeItem(at: sandbox.url("out.xml"))
        try sandbox.write("out.xml/inside.txt")
        #expect(throws: FileOperationError.self) { try output.write(Data("x".utf8)) }
        #expect(sandbox.exists("out.xml/inside.txt"))
    }

    @Test func determinismRerunFollowsTheSameRules() throws {
        let sandbox = try Sandbox()
        defer { sandbox.folder.cleanup() }
        try sandbox.write("run.determinism/user.txt")
        var request = sandbox.request(out: "run")
        request.checkDeterminism = true
        #expect(Self.refusal(request)?.contains("run.determinism") == true)
        try FileManager.default.removeItem(at: sandbox.url("run.determinism"))
        let plan = try RunPlan(request)
        let first = try ScenarioRunner.run(plan.items[0].scenario, folder: plan.items[0].folder)
        let report = try ScenarioRunner.checkDeterminism(
            plan.items[0].scenario, first: first, folder: plan.items[0].folder)
        #expect(report.identical)
        #expect(!sandbox.exists("run.determinism") && !sandbox.exists("run.determinism.incomplete"))
    }
}
