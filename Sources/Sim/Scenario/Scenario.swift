import Mechanisms

/// One scenario file, parsed and checked: what to run, what to break and what to expect.
///
/// Load one with ``ScenarioLoader``; every field here has already been validated against the
/// topology (fault targets exist, surfaces are domains, rates are in range).
public struct Scenario: Sendable {
    /// `[a-z0-9-]+`, used in the run folder's name.
    public var name: String
    public var description: String
    public var seed: UInt64
    /// Length of the chaos phase in virtual microseconds.
    public var durationUs: Int64
    public var topology: Topology
    public var workload: Workload?
    public var script: [ScriptStep]
    public var faults: [FaultSpec]
    public var expectations: [Expectation]
    /// Longest the heal phase may last before convergence is judged.
    public var healTimeoutUs: Int64
    /// The file it was read from, for messages.
    public var file: String
    /// The YAML text it was parsed from, kept in the run folder as `scenario.yaml`.
    public var sourceYAML: String = ""
    /// Mechanisms of the design removed from the run (`ablate:` in the file, `--ablate` on the
    /// command line); empty for the design as built.
    public var ablations: DisabledMechanisms = .none
    /// What `simctl fuzz` may draw when this scenario is its base (the optional `fuzz:` block);
    /// `simctl run` ignores it.
    public var fuzz: FuzzBounds? = nil
    /// `simctl run --trace-level messages`: each `sync.send` trace line also carries the
    /// envelope's Standard Webhooks headers and its exact signed body. A run option, not part of
    /// the format.
    public var traceMessages = false
}
