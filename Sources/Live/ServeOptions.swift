import Foundation
import Sim

/// What `simctl serve` was asked for, checked: the topology, the ports, the data folder.
public struct ServeOptions: Sendable {
    /// The edge's port (`--port`): 1024 ... 65435, so the control server's P+100 fits.
    public static let portBounds = 1024...65_435
    /// The default `--port`.
    public static let defaultPort = 8080

    /// The scenario whose topology is served (a built-in topology is wrapped in one).
    public var scenario: Scenario
    /// The edge's port P; verticals listen on P+1, P+2, ... in topology order, control on P+100.
    public var basePort: Int
    /// Where the verticals' databases, buckets and logs live.
    public var data: ServeDataFolder
    /// `--load RATE`: simulated users' requests per second (nil: no load).
    public var loadRate: Double?

    public init(scenario: Scenario, basePort: Int, data: ServeDataFolder, loadRate: Double? = nil) {
        precondition(Self.portBounds.contains(basePort), "--port out of bounds (checked by the caller)")
        precondition(
            loadRate.map { Self.loadBounds.contains($0) } ?? true, "--load out of bounds (checked by the caller)")
        self.scenario = scenario
        self.basePort = basePort
        self.data = data
        self.loadRate = loadRate
    }

    /// `--load` bounds, requests per second.
    public static let loadBounds = 0.1...10_000.0

    /// The message for a `--load` outside its bounds, or nil when it is within them.
    public static func loadProblem(_ rate: Double) -> String? {
        guard !loadBounds.contains(rate) else { return nil }
        return
            "--load \(rate): out of bounds (expected \(loadBounds.lowerBound)...\(Int(loadBounds.upperBound)) requests per second)"
    }

    /// The message for a `--port` outside its bounds, or nil when it is within them.
    public static func portProblem(_ port: Int) -> String? {
        guard !portBounds.contains(port) else { return nil }
        return
            "--port \(port): out of bounds (expected \(portBounds.lowerBound)...\(portBounds.upperBound): the edge listens on P, the verticals on P+1..., the control server on P+100)"
    }

    /// The scenario to serve for `argument`: a built-in topology's name, or a scenario file.
    public static func scenario(_ argument: String?) throws(ScenarioError) -> Scenario {
        let name = argument ?? "standard"
        if BuiltinTopologies.names.contains(name), !FileManager.default.fileExists(atPath: name) {
            return try ScenarioLoader.parse(
                yaml: "name: \(name)\nduration: 1s\ntopology: \(name)\n", file: "topology \(name)")
        }
        return try ScenarioLoader.load(path: name)
    }
}
