import Foundation
import TestSupport
import Testing

@testable import Sim

/// The scenario writer's promise: loading what it wrote gives back the very same scenario, so a
/// failure file reproduces its seed exactly.
@Suite("Scenario writer")
struct ScenarioWriterTests {
    static func roundTrip(_ scenario: Scenario) throws -> Scenario {
        try ScenarioLoader.parse(yaml: ScenarioWriter.yaml(scenario), file: "written.yaml")
    }

    @Test(arguments: try! ScenarioFiles.fuzzBases())
    func drawnScenariosRoundTripOverManySeeds(base path: String) throws {
        let drawer = ScenarioDrawer(base: try ScenarioLoader.load(path: path))
        for seed in UInt64(1)...300 {
            let drawn = drawer.draw(seed: seed)
            let text = ScenarioWriter.yaml(drawn)
            let loaded = try ScenarioLoader.parse(yaml: text, file: "seed\(seed).yaml")
            #expect(canonicalDump(loaded) == canonicalDump(drawn), "seed \(seed):\n\(text)")
            #expect(ScenarioWriter.yaml(loaded) == text, "seed \(seed): the writer's output is a fixed point")
        }
    }

    @Test(arguments: try! ScenarioFiles.all() + ScenarioFiles.bench() + ScenarioFiles.fuzzBases())
    func libraryScenariosRoundTrip(path: String) throws {
        let scenario = try ScenarioLoader.load(path: path)
        #expect(canonicalDump(try Self.roundTrip(scenario)) == canonicalDump(scenario), "\(path)")
    }

    @Test func aWrittenFailureReproducesTheSameTrace() throws {
        let base = try ScenarioLoader.load(path: ScenarioFiles.fuzzBases().first { $0.hasSuffix("small.yaml") }!)
        let drawer = ScenarioDrawer(base: base)
        let seed = try #require((UInt64(1)...100).first { drawer.draw(seed: $0).faults.count >= 3 })
        let drawn = drawer.draw(seed: seed)
        let direct = TemporaryFolder()
        let reloaded = TemporaryFolder()
        defer {
            direct.cleanup()
            reloaded.cleanup()
        }
        let first = try Simulation(scenario: drawn, directory: direct.url).run()
        let second = try Simulation(scenario: try Self.roundTrip(drawn), directory: reloaded.url).run()
        #expect(first.traceSHA256 == second.traceSHA256)
        #expect(first.json(includeWallClock: false).serialized() == second.json(includeWallClock: false).serialized())
    }

    @Test func topologyIsWrittenAsBrieflyAsExactnessAllows() throws {
        let plain = try ScenarioLoader.parse(yaml: "name: a\nduration: 10s\n", file: "a.yaml")
        #expect(ScenarioWriter.yaml(plain).contains("topology: standard\n"))
        var drawn = plain
        drawn.topology.network.defaultLink = LinkSpec(latencyUs: 37 * VirtualTime.ms, jitterUs: 4 * VirtualTime.ms)
        let text = ScenarioWriter.yaml(drawn)
        #expect(text.contains("  use: standard\n  network: {links: {default: {latency: 37ms, jitter: 4ms}}"))
        #expect(!text.contains("verticals:"), "unchanged sections are left to the built-in")
        var bare = plain
        bare.topology.edge = nil
        bare.topology.domains = bare.topology.domains.filter { $0.edge == nil }
        #expect(ScenarioWriter.yaml(bare).contains("  verticals:\n    - id: aws"), "no edge: written inline")
        #expect(canonicalDump(try Self.roundTrip(bare)) == canonicalDump(bare))
    }

    static let durations: [(Int64, String)] = [
        (0, "0"), (2 * VirtualTime.minute, "2m"), (90 * VirtualTime.second, "90s"),
        (12_300 * VirtualTime.ms, "12.3s"), (1_005 * VirtualTime.ms, "1.005s"), (250 * VirtualTime.ms, "250ms"),
        (17, "17us"), (-2 * VirtualTime.second, "-2s"), (3 * VirtualTime.hour, "3h"), (30 * VirtualTime.day, "30d"),
    ]

    @Test(arguments: durations)
    func durationsAreWrittenExactly(us: Int64, text: String) {
        #expect(YAMLText.duration(us) == text)
        #expect(Units.parseDuration(text) == us)
    }

    @Test func scalarsAreQuotedWhenPlainTextWouldChangeMeaning() {
        #expect(YAMLText.scalar("us-east-1") == "us-east-1")
        #expect(YAMLText.scalar("glassbreak.io") == "glassbreak.io")
        for tricky in ["null", "yes", "1e5", "", "a: b", "#x", "-x", "x, y", "say \"hi\""] {
            #expect(YAMLText.scalar(tricky).hasPrefix("\""), "\(tricky)")
        }
        #expect(YAMLText.quoted("a\"b\\c\nd") == #""a\"b\\c\nd""#)
        #expect(YAMLText.size(6_000_000) == "6MB")
        #expect(YAMLText.size(2048) == "2KiB")
        #expect(YAMLText.size(19 * 1024 * 1024) == "19MiB")
        #expect(YAMLText.rate(20) == "20/s")
        #expect(Units.parseRate(YAMLText.rate(5.0 / 60)) == 5.0 / 60)
        #expect(Units.parseRate(YAMLText.rate(0.37)) == 0.37)
    }
}
