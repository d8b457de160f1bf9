import Testing

@testable import Sim

@Suite("Scenario units")
struct UnitsTests {
    @Test(arguments: [
        ("250ms", Int64(250_000)), ("30s", 30_000_000), ("5m", 300_000_000), ("1h", 3_600_000_000),
        ("30d", 2_592_000_000_000), ("1m30s", 90_000_000), ("-2s", -2_000_000), ("0", 0), ("1.5s", 1_500_000),
    ])
    func durations(text: String, microseconds: Int64) {
        #expect(Units.parseDuration(text) == microseconds)
    }

    @Test(arguments: ["10", "10 minutes", "5x", "", "ms", "1.2.3s"])
    func malformedDurations(text: String) {
        #expect(Units.parseDuration(text) == nil)
    }

    @Test(arguments: [("6MB", 6_000_000), ("19MiB", 19_922_944), ("64KiB", 65_536), ("512B", 512)])
    func sizes(text: String, bytes: Int) {
        #expect(Units.parseSize(text) == bytes)
    }

    @Test(arguments: [("20/s", 20.0), ("300/m", 5.0), ("36/h", 0.01)])
    func rates(text: String, perSecond: Double) {
        #expect(abs(Units.parseRate(text)! - perSecond) < 1e-9)
    }

    @Test func percentages() {
        #expect(Units.parsePercentage("99.9%") == 99.9)
        #expect(Units.parsePercentage("101%") == nil)
        #expect(Units.parsePercentage("99.9") == nil)
    }
}

@Suite("Scenario loading")
struct ScenarioLoaderTests {
    @Test func builtinStandardTopologyMatchesTheSpec() throws {
        let scenario = try ScenarioLoader.parse(yaml: "name: x\nduration: 1m\n", file: "x.yaml")
        let topology = scenario.topology
        #expect(topology.verticals.map(\.id) == ["aws", "scaleway"])
        #expect(topology.vertical("aws")?.runtime.coldStartUs == 250_000)
        #expect(topology.vertical("scaleway")?.databaseIdle?.afterUs == 300_000_000)
        #expect(topology.domains.map(\.name) == ["glassbreak.io", "glassbreak.cloud", "glass-break.com"])
        #expect(topology.domain("glassbreak.io")?.edge == "fastly")
        #expect(topology.edge?.healthCheck.threshold == 3)
        #expect(topology.sync.batch == 100)
        #expect(topology.auth.argon2MemoryKiB == 19 * 1024)
        #expect(scenario.seed == 1)
    }

    @Test func threeVerticalsAddsFlyBehindTheEdge() throws {
        let scenario = try ScenarioLoader.parse(
            yaml: "name: x\nduration: 1m\ntopology: three-verticals\n", file: "x.yaml")
        #expect(scenario.topology.verticals.map(\.id) == ["aws", "scaleway", "fly"])
        #expect(scenario.topology.domain("glassbreak.io")?.targets == ["aws", "scaleway", "fly"])
    }

    @Test func useMergesMappingsKeyByKeyAndReplacesLists() throws {
        let yaml = """
            name: x
            duration: 1m
            topology:
              use: standard
              auth: {argon2: {memory: 64KiB, iterations: 1}}
              network: {links: {aws-scaleway: {latency: 150ms, jitter: 10ms}}}
            """
        let topology = try ScenarioLoader.parse(yaml: yaml, file: "x.yaml").topology
        #expect(topology.auth.argon2MemoryKiB == 64)
        #expect(topology.auth.argon2Iterations == 1)
        #expect(topology.auth.argon2Parallelism == 1, "unset keys keep the built-in's values")
        #expect(topology.network.defaultLink.latencyUs == 80_000)
        #expect(topology.network.pairLinks.first?.0 == "aws|scaleway")
        #expect(topology.verticals.count == 2)
    }

    @Test func fullScenarioDecodes() throws {
        let yaml = """
            name: aws-compute-outage
            description: AWS compute fails.
            seed: 7
            duration: 30m
            workload:
              users: 200
              rate: 20/s
              mix: {create: 0.2, update: 0.1, read: 0.5, list: 0.05, upload: 0.1, download: 0.05}
              surfaces: {glassbreak.io: 0.9, glassbreak.cloud: 0.05, glass-break.com: 0.05}
            script:
              - {at: 2s, user: alice, via: glassbreak.io, pin: aws, do: create, runbook: r1}
              - {at: 2100ms, user: alice, via: glass-break.com, do: read, runbook: r1, expect_status: 404}
            faults:
              - {at: 5m, for: 10m, kind: compute-outage, target: aws}
              - {at: 20m, for: 2m, kind: partition, between: [aws, scaleway], oneway: true}
              - {at: 21m, kind: clock-skew, target: scaleway, offset: -3s}
            expect:
              read_your_writes: 99%
              lost_writes: 0
              converged: true
              convergence_time: <= 30s
              propagation: {p99: <= 1s}
              availability: {glassbreak.io: ">= 99.9%"}
            """
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "x.yaml")
        #expect(scenario.seed == 7)
        #expect(scenario.workload?.ratePerSecond == 20)
        #expect(scenario.script.count == 2)
        #expect(scenario.script[1].expectStatus == 404)
        #expect(scenario.faults.map(\.kind) == [.computeOutage, .partition, .clockSkew])
        #expect(scenario.faults[1].oneway)
        #expect(scenario.faults[2].offsetUs == -3_000_000)
        #expect(scenario.faults[2].forUs == nil)
        #expect(
            scenario.expectations.map(\.checkName) == [
                "read_your_writes", "lost_writes", "converged",
                "convergence_time", "propagation.p99",
                "availability.glassbreak.io",
            ])
        #expect(scenario.expectations[0].bound == .atLeast(99))
        #expect(scenario.expectations[1].bound == .atMost(0))
        #expect(scenario.expectations[5].bound == .atLeast(99.9))
    }

    /// Each malformed scenario is refused with the exact line and column of the offending text.
    @Test(arguments: [
        ("name: x\nduration: 1m\nworkload: {users: 10, rate: 20/s\n", 4, 1, "YAML syntax error"),
        ("name: x\nduration: 1m\nbogus: 3\n", 3, 1, "unknown key \"bogus\" at the top level"),
        ("name: x\nduration: [1m]\n", 2, 11, "expected a duration like 250ms, 30s, 5m or 1h, found a list"),
        ("name: x\nduration: 10 minutes\n", 2, 11, "found \"10 minutes\""),
        (
            "name: x\nduration: 10m\nfaults:\n  - {at: 1m, kind: meteor-strike, target: aws}\n", 4, 20,
            "unknown fault kind \"meteor-strike\""
        ),
        (
            "name: x\nduration: 10m\nfaults:\n  - {at: 1m, kind: compute-outage, target: azure}\n", 4, 44,
            "unknown target \"azure\""
        ),
        (
            "name: x\nduration: 10m\nworkload:\n  users: 5\n  rate: 5/s\n  surfaces: {glassbreak.net: 1}\n", 6, 14,
            "unknown surface \"glassbreak.net\""
        ),
        (
            "name: x\nduration: 10m\nfaults:\n  - at: 1m\n    kind: message-loss\n    between: [aws, scaleway]\n    rate: 1.5\n",
            7, 11, "1.5 is out of range"
        ),
        ("description: no name\nduration: 10m\n", 1, 1, "missing required key \"name\""),
        ("name: Bad_Name\nduration: 10m\n", 1, 7, "expected a name made of a-z, 0-9 and -"),
        (
            "name: x\nduration: 10m\nexpect:\n  lost_writes: 0\n  happiness: 100%\n", 5, 3,
            "unknown key \"happiness\" in expect"
        ),
        (
            "name: x\nduration: 10m\nexpect:\n  availability: {glassbreak.io: 99.9}\n", 4, 33,
            "expected a percentage like 99.9%"
        ),
        (
            "name: x\nduration: 10m\ntopology:\n  use: standard\n  auth: {argon2: {memory: 1KiB, iterations: 1, parallelism: 1}}\n",
            5, 27, "argon2.memory: 1KiB is out of range"
        ),
        (
            "name: x\nduration: 10m\nfaults:\n  - {at: 1m, kind: partition, between: [aws, scaleway], rate: 0.5}\n", 4,
            57, "a partition fault takes"
        ),
        (
            "name: x\nduration: 10m\nworkload: {users: 5, rate: 5/s, mix: {create: 0.5, read: 0.4}}\n", 3, 38,
            "sum to 0.9"
        ),
        (
            "name: x\nduration: 10m\nscript:\n  - {at: 1s, user: alice, via: glassbreak.cloud, pin: aws, do: read, runbook: r1}\n",
            4, 55, "pin needs a surface behind the edge"
        ),
        ("name: x\nduration: 10m\ntopology: four-verticals\n", 3, 11, "unknown topology \"four-verticals\""),
        (
            "name: x\nduration: 10m\nfaults:\n  - {at: 20m, kind: crash, target: aws}\n", 4, 10,
            "after the scenario ends"
        ),
        ("name: x\nduration: 10m\nworkload: {users: 0, rate: 5/s}\n", 3, 19, "0 is out of range"),
        (
            "name: x\nduration: 10m\nscript:\n  - {at: 1s, user: bob, via: glassbreak.io, do: dance}\n", 4, 49,
            "unknown action \"dance\""
        ),
    ])
    func malformedScenarioPointsAtTheProblem(yaml: String, line: Int, column: Int, message: String) {
        do {
            _ = try ScenarioLoader.parse(yaml: yaml, file: "bad.yaml")
            Issue.record("expected an error containing \(message)")
        } catch {
            #expect(error.location == SourceLocation(file: "bad.yaml", line: line, column: column), "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("bad.yaml:\(line):\(column): "))
        }
    }

    @Test func everyLibraryAndBenchmarkScenarioValidates() throws {
        let paths = try ScenarioFiles.all() + ScenarioFiles.bench()
        #expect(paths.count >= 25)
        for path in paths {
            let scenario = try ScenarioLoader.load(path: path)
            #expect(!scenario.expectations.isEmpty, "\(path) states what it expects")
        }
    }
}
