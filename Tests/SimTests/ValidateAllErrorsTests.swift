import Foundation
import TestSupport
import Testing

@testable import Sim

/// `simctl validate` reports every error of every file (issue 18, item 3), each located.
@Suite("every error at once")
struct ValidateAllErrorsTests {
    static let broken = """
        name: Bad_Name
        duration: 5 minutes
        colour: blue
        workload: {users: 0, rate: 20/s}
        script:
          - {at: 1s, user: a, via: nowhere.io, do: signup}
          - {at: 2s, user: a, via: glassbreak.io, do: dance}
        faults:
          - {at: 1m, kind: compute-outage, target: gcp}
          - {at: 1m, kind: partition, between: [aws, scaleway], rate: 2}
        expect:
          lost_writes: lots
          converged: maybe
          speed: fast
        """

    @Test func everyIndependentErrorIsReportedInFileOrder() throws {
        do {
            _ = try ScenarioLoader.parseReportingAll(yaml: Self.broken, file: "bad.yaml")
            Issue.record("expected errors")
        } catch {
            let located = error.errors.map { "\($0.location.line):\($0.location.column)" }
            #expect(
                located == ["1:7", "2:11", "3:1", "4:19", "6:28", "7:47", "9:44", "10:57", "12:16", "13:14", "14:3"])
            #expect(error.errors[2].message.hasPrefix("unknown key \"colour\" at the top level"))
            #expect(error.errors[7].message.contains("a partition fault takes"))
        }
    }

    @Test func theFirstErrorIsStillWhatLoadThrows() throws {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(yaml: Self.broken, file: "bad.yaml") }
        do {
            _ = try ScenarioLoader.parse(yaml: Self.broken, file: "bad.yaml")
        } catch {
            #expect(error.location.line == 1)
        }
    }

    @Test func sectionsOfAnInlineTopologyAreCheckedIndependently() throws {
        let yaml = """
            name: t
            duration: 1m
            topology: {use: standard, sync: {batch: 0}, auth: {argon2: {memory: 1KiB}}, bogus: 1}
            faults:
              - {at: 1m, kind: nonsense}
            """
        do {
            _ = try ScenarioLoader.parseReportingAll(yaml: yaml, file: "t.yaml")
            Issue.record("expected errors")
        } catch {
            let messages = error.errors.map(\.message)
            #expect(messages.count == 3, "faults are not checked against a topology that did not decode")
            #expect(messages[0].hasPrefix("topology.sync.batch"))
            #expect(messages[1].hasPrefix("topology.auth.argon2.memory"))
            #expect(messages[2].hasPrefix("unknown key \"bogus\" in topology"))
        }
    }

    @Test func anUnknownAblationIsReportedBesideTheOtherErrors() throws {
        let yaml = "name: a\nduration: 1m\nseed: x\nablate: [gap-fill, no-such-thing]\n"
        do {
            _ = try ScenarioLoader.parseReportingAll(yaml: yaml, file: "a.yaml")
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.map(\.location.line) == [3, 4])
            #expect(error.errors[1].message.contains("unknown ablation \"no-such-thing\""))
        }
    }

    @Test func aSyntaxErrorStopsAtOnce() throws {
        do {
            _ = try ScenarioLoader.parseReportingAll(yaml: "name: a\nduration: [1m\n", file: "s.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.count == 1)
        }
    }

    @Test func validationCoversEveryFileAndSummarises() throws {
        let folder = TemporaryFolder("validate")
        defer { folder.cleanup() }
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let bad = folder.url.appendingPathComponent("bad.yaml")
        let worse = folder.url.appendingPathComponent("worse.yaml")
        let good = folder.url.appendingPathComponent("good.yaml")
        try Data(Self.broken.utf8).write(to: bad)
        try Data("name: w\nduration: 1m\nseed: -1\nexpect: {lost_writes: x}\n".utf8).write(to: worse)
        try Data("name: good\nduration: 1m\n".utf8).write(to: good)
        let report = ScenarioValidation(paths: [bad.path, good.path, worse.path])
        #expect(!report.valid)
        #expect(report.okLines.count == 1)
        #expect(report.errors.count == 13)
        #expect(report.errors.last?.location.file == worse.path)
        #expect(report.summaryLine == "13 errors in 2 of 3 files")
        do {
            _ = try ScenarioRunner.load(paths: [bad.path, good.path, worse.path], seedOverride: nil)
            Issue.record("expected an error")
        } catch {
            guard case .scenario(let errors) = error else {
                Issue.record("expected scenario errors, got \(error)")
                return
            }
            #expect(errors.errors.count == 13)
        }
    }

    @Test func everyLibraryScenarioHasNoError() throws {
        let paths = try ScenarioFiles.all()
        let report = ScenarioValidation(paths: paths)
        #expect(report.errors.isEmpty, "\(report.errors)")
    }
}
