import Foundation
import Sim
import Testing

@testable import Live

/// What `simctl serve` checks before anything listens: ports, the data folder, the ready file.
struct ServeSetupTests {
    @Test(arguments: [(80, false), (1023, false), (1024, true), (8080, true), (65_435, true), (65_436, false)])
    func portBounds(port: Int, accepted: Bool) {
        #expect((ServeOptions.portProblem(port) == nil) == accepted)
    }

    /// A missing folder is adopted and marked; served again, it keeps its seed (the same keys).
    @Test func dataFolderIsAdoptedThenResumed() throws {
        let folder = try LiveHarness.freshFolder().appendingPathComponent("data")
        let first = try ServeDataFolder.prepare(path: folder.path, freshSeed: 42)
        #expect(!first.resumed && first.seed == 42)
        try Data().write(to: folder.appendingPathComponent("aws.sqlite"))
        let again = try ServeDataFolder.prepare(path: folder.path, freshSeed: 7)
        #expect(again.resumed && again.seed == 42)
    }

    /// A folder simctl did not create, or a run folder, is refused and left as it was.
    @Test func foreignFoldersAreRefused() throws {
        let parent = try LiveHarness.freshFolder()
        let user = parent.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: user.appendingPathComponent("notes.txt"))
        #expect(throws: RunRequestError.self) { try ServeDataFolder.prepare(path: user.path, freshSeed: 1) }
        #expect(try String(contentsOf: user.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep")
        #expect(!FileManager.default.fileExists(atPath: user.appendingPathComponent(RunMarker.fileName).path))
        let run = parent.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try RunMarker(scenario: "steady-state", seed: 1).json().write(
            to: run.appendingPathComponent(RunMarker.fileName))
        try Data().write(to: run.appendingPathComponent("trace.jsonl"))
        #expect(throws: RunRequestError.self) { try ServeDataFolder.prepare(path: run.path, freshSeed: 1) }
    }

    /// A port already taken is a clear error, and nothing is left listening.
    @Test func portInUseIsAClearError() async throws {
        let first = try await LiveHarness.start()
        let port = Int(first.cluster.ready.edge!.split(separator: ":").last!)!
        let folder = try LiveHarness.freshFolder()
        let scenario = try ScenarioLoader.parse(yaml: LiveHarness.testScenario, file: "live-test.yaml")
        let data = try ServeDataFolder.prepare(path: folder.appendingPathComponent("data").path, freshSeed: 1)
        do {
            _ = try await LiveCluster.start(ServeOptions(scenario: scenario, basePort: port, data: data))
            Issue.record("a second topology started on ports already in use")
        } catch let error as LiveServerError {
            #expect(error.description.contains("already in use"), "\(error.description)")
        }
        _ = try await first.stop()
    }

    /// The ready file names every surface and marks itself as simctl's.
    @Test func readyFileJSON() {
        let ready = ReadyInfo(
            edge: "http://127.0.0.1:8080",
            verticals: [("aws", "http://127.0.0.1:8081"), ("scaleway", "http://127.0.0.1:8082")],
            control: "http://127.0.0.1:8180", data: "/tmp/d")
        #expect(
            ready.json()
                == #"{"edge":"http://127.0.0.1:8080","verticals":{"aws":"http://127.0.0.1:8081","scaleway":"http://127.0.0.1:8082"},"control":"http://127.0.0.1:8180","data":"/tmp/d","generated_by":"simctl serve"}"#
                + "\n")
    }
}
