/// Every error found in one or more scenario files, in file order: what `simctl validate` prints,
/// one `FILE:LINE:COLUMN: what is wrong (expected ...)` line each.
public struct ScenarioErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// At least one error.
    public var errors: [ScenarioError]

    public init(_ errors: [ScenarioError]) {
        precondition(!errors.isEmpty, "ScenarioErrors holds at least one error")
        self.errors = errors
    }

    /// One line per error.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
