import Foundation

/// The outcome of running a scenario twice with the same seed.
public struct DeterminismReport: Sendable {
    public var identical: Bool
    /// The first difference, when there is one: which file and line.
    public var firstDifference: String?
}
