import Foundation
import Testing

@testable import Report
@testable import Sim

/// A run folder made for a test, removed by `cleanup()`.
struct TestRun {
    let folder: URL
    let result: RunResult

    /// Runs `yaml` (or a library scenario) the way `simctl run` does; `plant` may break the world first.
    static func make(yaml: String? = nil, library: String? = nil, plant: (Simulation) throws -> Void = { _ in }) throws
        -> TestRun
    {
        let scenario: Scenario
        if let library {
            scenario = try ScenarioLoader.load(
                path: repositoryRoot.appendingPathComponent("scenarios/\(library).yaml").path)
        } else {
            scenario = try ScenarioLoader.parse(yaml: yaml ?? "", file: "test.yaml")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-tests-\(UUID().uuidString)")
            .appendingPathComponent("run")
        let simulation = try Simulation(scenario: scenario, directory: folder)
        try plant(simulation)
        let result = try simulation.run()
        try RunFolderFiles.keep(scenario, in: folder)
        try Data((result.json().serialized() + "\n").utf8).write(to: folder.appendingPathComponent("result.json"))
        return TestRun(folder: folder, result: result)
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    func cleanup() {
        try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
    }
}

@Suite("HTML report")
struct ReportPageTests {
    static let consistencyYAML = """
        name: ryw
        duration: 10s
        faults:
          - {at: 0s, for: 5s, kind: partition, between: [aws, scaleway]}
        script:
          - {at: 1s, user: alice, via: glassbreak.io, pin: aws, do: create, runbook: r1}
          - {at: 1500ms, user: alice, via: glassbreak.io, pin: scaleway, do: read, runbook: r1, expect_status: 404}
          - {at: 3s, user: alice, via: glassbreak.io, pin: aws, do: update, runbook: r1}
          - {at: 3300ms, user: alice, via: glassbreak.io, pin: aws, do: read, runbook: r1}
          - {at: 3700ms, user: alice, via: glassbreak.io, pin: scaleway, do: read, runbook: r1, expect_status: 404}
        expect:
          read_your_writes: 100%
          monotonic_reads: 100%
        """

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Expects `needle` in `html` without printing the whole page when it is missing.
    func expectContains(_ html: String, _ needle: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = html.contains(needle)
        #expect(found, "the report lacks \(needle)", sourceLocation: sourceLocation)
    }

    @Test func reportOfALibraryScenarioIsSelfContainedAndComplete() throws {
        let run = try TestRun.make(library: "failover-read-your-writes")
        defer { run.cleanup() }
        let html = try RunReport.html(folder: run.folder.path)
        // Self-contained: the SVG namespace is the only URL; no script, no external style or font.
        let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(
            urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") },
            "\(urls.filter { !$0.hasPrefix("://www.w3.org") })")
        for forbidden in ["<script", "<link", "@import", "url(", "<img", "<iframe"] {
            let found = html.contains(forbidden)
            #expect(!found, "found \(forbidden)")
        }
        expectContains(html, "<meta name=\"generator\" content=\"\(OutputFile.marker) report\"")
        for section in ["topology", "surfaces", "verticals", "replication", "auth", "checks"] {
            expectContains(html, "<section id=\"\(section)\"")
        }
        expectContains(html, "/scenarios/failover-read-your-writes.yaml --seed 83</code>")
        expectContains(html, "failover-read-your-writes")
        expectContains(html, "PASS")
        // The one fault is shaded in every chart over time.
        let timeCharts = count("class=\"backdrop\"", in: html)
        #expect(timeCharts >= 8)
        #expect(count("class=\"fault\" fill-opacity=\"0.75\" data-fault=\"F1\"", in: html) == timeCharts)
        // Its story: the write, the failover read that missed it, the envelope that carried it later.
        #expect(count("class=\"sequence\"", in: html) == 1)
        expectContains(html, "failover: re-pinned to scaleway")
        expectContains(html, "404 Not Found — misses the write")
        expectContains(html, "envelope aws:14")
        expectContains(html, "scaleway applied the write at 3m02.214s")
    }

    @Test func everyConsistencyCheckGetsItsSequenceDiagram() throws {
        let run = try TestRun.make(yaml: Self.consistencyYAML)
        defer { run.cleanup() }
        let html = try RunReport.html(folder: run.folder.path)
        #expect(count("class=\"sequence\"", in: html) == 2)
        expectContains(html, "First read your writes violation")
        expectContains(html, "First monotonic reads violation")
        expectContains(html, "FAIL")
        expectContains(html, "id=\"check-read_your_writes\" class=\"fail\"")
    }

    @Test func aLostWriteIsToldFromWriteToTheEndOfTheRun() throws {
        let yaml = """
            name: planted
            duration: 60s
            workload: {users: 10, rate: 5/s}
            expect:
              lost_writes: 0
            """
        let run = try TestRun.make(yaml: yaml) { simulation in
            simulation.queue.schedule(atUs: 20 * VirtualTime.second) {
                try? simulation.nodes[0].vertical.database.write { db in
                    try db.execute(sql: "DROP TRIGGER runbook_outbox_insert")
                }
            }
        }
        defer { run.cleanup() }
        #expect(run.result.checks.first { $0.name == "lost_writes" }?.pass == false)
        let html = try RunReport.html(folder: run.folder.path)
        expectContains(html, "First lost writes violation")
        expectContains(html, "missing here")
        #expect(count("class=\"sequence\"", in: html) == 1)
    }

    @Test func authenticationHazardsAreTracedAndMarked() throws {
        let run = try TestRun.make(library: "auth-hazards-partition")
        defer { run.cleanup() }
        var hazards: [String: Int] = [:]
        try TraceReader(url: run.folder.appendingPathComponent("trace.jsonl")).forEach { event in
            if event.kind == "check.violation", let check = event.string("check") { hazards[check, default: 0] += 1 }
        }
        #expect(
            hazards == [
                "single_use_violations": 2, "duplicate_accounts": 1, "stale_auth_accepts": 2,
                "stale_counter_accepts": 1,
            ])
        let html = try RunReport.html(folder: run.folder.path)
        expectContains(html, "accepted by scaleway after aws had accepted it")
        expectContains(html, "a red triangle marks each moment a hazard was observed")
        #expect(count("class=\"mark\"", in: html) >= 4)
        #expect(count("class=\"sequence\"", in: html) == 0)
    }

    @Test func theReportIsAFunctionOfTheRunFolder() throws {
        let run = try TestRun.make(yaml: Self.consistencyYAML)
        defer { run.cleanup() }
        #expect(try RunReport.html(folder: run.folder.path) == RunReport.html(folder: run.folder.path))
    }

    @Test func aFolderThatIsNotARunIsAUserError() throws {
        let run = try TestRun.make(yaml: Self.consistencyYAML)
        defer { run.cleanup() }
        #expect(throws: ReportError.self) { try RunReport.html(folder: run.folder.path + "-missing") }
        try FileManager.default.removeItem(at: run.folder.appendingPathComponent("scenario.yaml"))
        do {
            _ = try RunReport.html(folder: run.folder.path)
            Issue.record("expected an error")
        } catch let error as ReportError {
            #expect(error.description.contains("has no scenario.yaml"))
        }
        try RunFolderFiles.keep(ScenarioLoader.parse(yaml: Self.consistencyYAML, file: "t.yaml"), in: run.folder)
        let trace = run.folder.appendingPathComponent("trace.jsonl")
        let handle = try FileHandle(forWritingTo: trace)
        handle.seekToEndOfFile()
        handle.write(Data("{\"t_us\":\n".utf8))
        try handle.close()
        do {
            _ = try RunReport.html(folder: run.folder.path)
            Issue.record("expected an error")
        } catch let error as ReportError {
            guard case .malformedTrace(_, let line, _, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(line > 10)
        }
    }

    @Test func theRunFolderKeepsTheScenarioAndWhereItCameFrom() throws {
        let path = TestRun.repositoryRoot.appendingPathComponent("scenarios/failover-read-your-writes.yaml").path
        let scenario = try ScenarioLoader.load(path: path)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ScenarioRunner.run(scenario, folder: folder)
        #expect(
            try Data(contentsOf: folder.appendingPathComponent("scenario.yaml"))
                == Data(contentsOf: URL(fileURLWithPath: path)))
        let info = try String(contentsOf: folder.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(info == "{\"scenario_file\":\"\(path)\"}\n")
    }

    @Test(arguments: [
        ("scenarios/a.yaml", 7 as UInt64, [String](), "simctl run scenarios/a.yaml --seed 7"),
        ("my runs/a b.yaml", 1, ["consumer-flag"], "simctl run 'my runs/a b.yaml' --seed 1 --ablate consumer-flag"),
        ("it's.yaml", 2, [], #"simctl run 'it'\''s.yaml' --seed 2"#),
    ])
    func reproduceCommandsAreShellSafe(file: String, seed: UInt64, ablations: [String], expected: String) {
        #expect(ReportContent.reproduceCommand(scenarioFile: file, seed: seed, ablations: ablations) == expected)
    }
}

@Suite("Output files")
struct OutputFileTests {
    @Test func writesThroughATemporaryFileAndReplacesOnlyItsOwn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.html").path
        let report = OutputFile(option: "-o", path: target, kind: .html)
        try report.preflight()
        try report.write("<html>\(OutputFile.marker) 1</html>")
        try report.preflight()
        try report.write("<html>\(OutputFile.marker) 2</html>")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "<html>\(OutputFile.marker) 2</html>")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])

        let foreign = folder.appendingPathComponent("notes.html").path
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: foreign))
        #expect(throws: RunRequestError.self) { try OutputFile(option: "-o", path: foreign, kind: .html).preflight() }
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == "my notes")
        #expect(throws: RunRequestError.self) {
            try OutputFile(option: "-o", path: folder.path, kind: .html).preflight()
        }
        #expect(throws: RunRequestError.self) {
            try OutputFile(option: "-o", path: folder.appendingPathComponent("no/such.html").path, kind: .html)
                .preflight()
        }
    }
}
