import Foundation
import TestSupport
import Testing

@testable import Sim

/// `simctl run FILE... --jobs J` (issue 18, item 2): child processes, results in the order given,
/// every trace and result the same bytes as with `--jobs 1`.
@Suite("simctl run --jobs", .serialized)
struct ParallelRunTests {
    /// Three small scenarios, the slowest first, so that a later one finishes before it.
    static func project() throws -> (TemporaryFolder, URL, [String]) {
        let (folder, root) = try SimctlBinaryTests.project()
        let names = ["slow", "quick-a", "quick-b"]
        for (index, name) in names.enumerated() {
            let yaml = RunFolderTests.tiny.replacingOccurrences(of: "name: tiny", with: "name: \(name)")
                .replacingOccurrences(of: "duration: 2s", with: "duration: \(index == 0 ? 20 : 2)s")
            try Data(yaml.utf8).write(to: root.appendingPathComponent("\(name).yaml"))
        }
        return (folder, root, names.map { "\($0).yaml" })
    }

    static func withoutWallClock(_ text: String) -> String {
        text.replacing(/[0-9.]+s wall \([0-9]+x\)/, with: "WALL").replacing(/"wall_ms":[0-9]+,/, with: "")
    }

    @Test func parallelRunsMatchSequentialRunsByteForByte() throws {
        let (folder, root, files) = try Self.project()
        defer { folder.cleanup() }
        let parallel = try SimctlBinaryTests.simctl(
            ["run"] + files + ["--jobs", "3", "--out", "p", "--trace", "tp", "--junit", "p.xml"], in: root)
        let sequential = try SimctlBinaryTests.simctl(
            ["run"] + files + ["--jobs", "1", "--out", "s", "--trace", "ts", "--junit", "s.xml"], in: root)
        #expect(parallel.status == 0, "\(parallel.stderr)")
        #expect(sequential.status == 0, "\(sequential.stderr)")
        #expect(parallel.stderr.isEmpty, "no progress line when not on a terminal")
        let order = parallel.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map {
            $0.prefix(while: { $0 != " " })
        }
        #expect(order == ["slow", "quick-a", "quick-b"])
        #expect(
            Self.withoutWallClock(parallel.stdout).replacingOccurrences(of: "p/", with: "X/")
                == Self.withoutWallClock(sequential.stdout).replacingOccurrences(of: "s/", with: "X/"))
        for name in ["slow-seed1", "quick-a-seed1", "quick-b-seed1"] {
            let p = try Data(contentsOf: root.appendingPathComponent("tp/\(name).jsonl"))
            let s = try Data(contentsOf: root.appendingPathComponent("ts/\(name).jsonl"))
            #expect(p == s, "trace of \(name)")
            let pr = try String(contentsOf: root.appendingPathComponent("p/\(name)/result.json"), encoding: .utf8)
            let sr = try String(contentsOf: root.appendingPathComponent("s/\(name)/result.json"), encoding: .utf8)
            #expect(Self.withoutWallClock(pr) == Self.withoutWallClock(sr), "result of \(name)")
        }
        let pj = try String(contentsOf: root.appendingPathComponent("p.xml"), encoding: .utf8)
        let sj = try String(contentsOf: root.appendingPathComponent("s.xml"), encoding: .utf8)
        #expect(pj.replacing(/time="[0-9.]+"/, with: "") == sj.replacing(/time="[0-9.]+"/, with: ""))
    }

    @Test func aFailingScenarioExitsOneAndJSONLinesKeepTheirOrder() throws {
        let (folder, root, files) = try Self.project()
        defer { folder.cleanup() }
        let failing = RunFolderTests.tiny.replacingOccurrences(of: "name: tiny", with: "name: failing")
            .replacingOccurrences(
                of: "expect: {lost_writes: 0}", with: "expect: {availability: {glassbreak.io: 100%}, converged: false}")
        try Data(failing.utf8).write(to: root.appendingPathComponent("failing.yaml"))
        let outcome = try SimctlBinaryTests.simctl(
            ["run", files[0], "failing.yaml", files[1], "--json", "--jobs", "2"], in: root)
        #expect(outcome.status == 1, "\(outcome.stderr)")
        let scenarios = outcome.stdout.split(separator: "\n").map { line -> String in
            let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]  // try?-ok: test
            return json?["scenario"] as? String ?? "?"
        }
        #expect(scenarios == ["slow", "failing", "quick-a"])
    }

    @Test func aTraceFolderNeverOverwritesAUsersFile() throws {
        let (folder, root, files) = try Self.project()
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("traces"), withIntermediateDirectories: false)
        let mine = root.appendingPathComponent("traces/quick-a-seed1.jsonl")
        try Data("my notes\n".utf8).write(to: mine)
        let outcome = try SimctlBinaryTests.simctl(["run"] + files + ["--trace", "traces"], in: root)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("refusing to overwrite"))
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my notes\n")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".sim").path))
        let file = try SimctlBinaryTests.simctl(["run"] + files + ["--trace", "README.md"], in: root)
        #expect(file.status == 2)
        #expect(file.stderr.contains("names a folder"))
    }

    @Test func jobsOutOfRangeIsAUsageError() throws {
        let (folder, root, files) = try Self.project()
        defer { folder.cleanup() }
        let outcome = try SimctlBinaryTests.simctl(["run"] + files + ["--jobs", "0"], in: root)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--jobs 0 is out of range"))
    }
}
