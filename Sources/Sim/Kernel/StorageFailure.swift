import Foundation

/// A storage error on the simulated path (a vertical's SQLite file or bucket failed): the run
/// cannot go on, because going on would turn the error into a wrong result (a silent
/// non-convergence, a lost write that was never lost). The run stops at once and `simctl` exits 3
/// with this message, which names the vertical and the operation.
public struct StorageFailure: Error, CustomStringConvertible, Sendable {
    /// What failed: `vertical aws`, `the trace file`.
    public var component: String
    /// What the simulator was doing: "reading the outbox head", "recording scaleway's sync
    /// watermark 42", ...
    public var operation: String
    /// The underlying error, on one line.
    public var reason: String

    /// A failure of `vertical`'s storage.
    public init(vertical: String, operation: String, error: any Error) {
        self.init(component: "vertical \(vertical)", operation: operation, reason: FileOperationError.describe(error))
    }

    public init(component: String, operation: String, reason: String) {
        self.component = component
        self.operation = operation
        self.reason = reason
    }

    public var description: String {
        "storage error on \(component) while \(operation): \(reason)"
    }
}
