import Foundation
import TestSupport
import Testing

@testable import Sim

/// The progress seam (issue 18, item 1): observing a run changes nothing it computes.
@Suite("run progress")
struct RunProgressTests {
    @Test func anObservedRunIsTheSameRun() throws {
        let scenario = try ScenarioLoader.parse(yaml: RunFolderTests.tiny, file: "tiny.yaml")
        func run(observed: Bool) throws -> (RunResult, [RunProgress]) {
            let folder = TemporaryFolder()
            defer { folder.cleanup() }
            var seen: [RunProgress] = []
            let simulation = try Simulation(scenario: scenario, directory: folder.url)
            if observed { simulation.onProgress = { seen.append($0) } }
            return (try simulation.run(), seen)
        }
        let (plain, none) = try run(observed: false)
        let (observed, seen) = try run(observed: true)
        #expect(none.isEmpty)
        #expect(plain.traceSHA256 == observed.traceSHA256)
        #expect(plain.json(includeWallClock: false) == observed.json(includeWallClock: false))
        #expect(plain.events == observed.events)
        #expect(seen.count >= 2, "one report per virtual second of a 2 s scenario, then the heal phase")
        #expect(seen.map(\.virtualUs) == seen.map(\.virtualUs).sorted())
        #expect(seen.first?.virtualUs ?? 0 >= VirtualTime.second)
    }

    @Test func theQueueObserverFiresOncePerStepPassed() {
        let queue = EventQueue()
        var seen: [Int64] = []
        queue.observe(everyUs: 1_000) { seen.append($0) }
        for time in [10, 500, 1_200, 1_300, 5_000, 5_001] as [Int64] { queue.schedule(atUs: time) {} }
        queue.run(untilUs: 10_000)
        #expect(seen == [1_200, 5_000])
        #expect(queue.executedEvents == 6)
    }

    @Test(arguments: [
        (
            RunProgress(scenario: "s", virtualUs: 0, durationUs: 60_000_000, requests: 0, healing: false), 0,
            "s  0s / 1m00s virtual  0 requests"
        ),
        (
            RunProgress(scenario: "s", virtualUs: 30_000_000, durationUs: 60_000_000, requests: 12, healing: false),
            1_000, "s  30s / 1m00s virtual  12 requests  30x real time  1s left"
        ),
        (
            RunProgress(scenario: "s", virtualUs: 61_000_000, durationUs: 60_000_000, requests: 12, healing: true),
            20_000, "s  1m00s / 1m00s virtual  12 requests  3.0x real time  healing (sync draining)"
        ),
    ])
    func theLineSaysWhereTheRunIs(progress: RunProgress, wallMs: Int64, line: String) {
        #expect(progress.line(wallMs: wallMs) == line)
    }

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        #expect(TextStyle(mode: .auto, isTerminal: true, environment: [:]).colour)
        #expect(!TextStyle(mode: .auto, isTerminal: false, environment: [:]).colour)
        #expect(!TextStyle(mode: .auto, isTerminal: true, environment: ["NO_COLOR": "1"]).colour)
        #expect(TextStyle(mode: .auto, isTerminal: true, environment: ["NO_COLOR": ""]).colour)
        #expect(TextStyle(mode: .always, isTerminal: false, environment: ["NO_COLOR": "1"]).colour)
        #expect(!TextStyle(mode: .never, isTerminal: true, environment: [:]).colour)
        #expect(TextStyle.ansi.fail("FAIL") == "\u{1B}[1;31mFAIL\u{1B}[0m")
        #expect(TextStyle.plain.fail("FAIL") == "FAIL")
    }

    @Test func aChildsProgressLinesReachTheParentAndLeaveItsOutput() throws {
        let progress = RunProgress(scenario: "s", virtualUs: 5, durationUs: 9, requests: 3, healing: true)
        #expect(RunProgress(childLine: Substring(progress.childLine)) == progress)
        #expect(RunProgress(childLine: "progress s\t1\t2\t3\t0") == nil)
        let pipe = Pipe()
        let text = "warning: one\n\(progress.childLine)\nwarning: two\nno newline"
        pipe.fileHandleForWriting.write(Data(text.utf8))
        try pipe.fileHandleForWriting.close()
        var seen: [Substring] = []
        let kept = ProcessPool.drain(pipe.fileHandleForReading) { seen.append($0) }
        #expect(seen == [Substring(progress.childLine)])
        #expect(String(decoding: kept, as: UTF8.self) == "warning: one\nwarning: two\nno newline")
    }
}
