import Foundation

/// A storage error on the simulated path (a vertical's SQLite file or bucket failed): the run
/// cannot go on, because going on would turn the error into a wrong result (a silent
/// non-convergence, a lost write that was never lost). The run stops at once and `simctl` exits 3
/// with this message, which names the vertical and the operation.
public struct StorageFailure: Error, CustomStringConvertible, Sendable {
    /// The vertical whose storage failed.
    public var vertical: String
    /// What the simulator was doing: "reading the outbox head", "recording scaleway's sync
    /// watermark 42", ...
    public var operation: String
    /// The underlying error, on one line.
    public var reason: String

    public init(vertical: String, operation: String, error: any Error) {
        self.vertical = vertical
        self.operation = operation
        reason = FileOperationError.describe(error)
    }

    public var description: String {
        "storage error on vertical \(vertical) while \(operation): \(reason)"
    }
}

extension RunRecorder {
    /// Runs `body`, a storage operation of `vertical` on the simulated path. On an error, records
    /// it as the run's failure (the first one wins; the run stops after the current event) and
    /// returns nil, so the caller abandons what it was doing.
    func storage<T>(_ vertical: String, _ operation: @autoclosure () -> String, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch {
            if failure == nil { failure = StorageFailure(vertical: vertical, operation: operation(), error: error) }
            return nil
        }
    }
}
