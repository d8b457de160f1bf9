import Foundation

/// The simulator itself failed while running a scenario that had been accepted: a storage or
/// file-system error, not a problem with the scenario (`simctl` exits 3). Names the scenario,
/// what was being done and why it failed, and where the earlier and partial runs are.
public struct RunFailure: Error, CustomStringConvertible {
    public var scenario: String
    public var seed: UInt64
    /// What was being done: "creating the run folder", "running the simulation", ...
    public var operation: String
    /// The underlying error, on one line.
    public var reason: String
    /// The completed earlier run, untouched, if there was one.
    public var earlierRun: URL?
    /// Where the partial run was left, if anything was written.
    public var partialRun: URL?

    public var description: String {
        var text =
            "simctl: the simulator failed on \(scenario) (seed \(seed)) while \(operation): \(reason)"
        if let earlierRun { text += "\n  the earlier run at \(earlierRun.relativePath) is untouched" }
        if let partialRun { text += "\n  the partial run is in \(partialRun.relativePath)" }
        return text
    }
}
