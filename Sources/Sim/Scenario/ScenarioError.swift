/// A problem in a scenario file, located at the line and column of the offending text.
///
/// Its description is the message `simctl` prints:
/// `scenarios/x.yaml:12:7: workload.rate: expected a rate like 20/s or 5/m, found "fast"`.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
