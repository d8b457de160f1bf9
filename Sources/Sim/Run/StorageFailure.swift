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

    /// The run's failure: a vertical's storage, or the trace file that could not be written.
    var runFailure: StorageFailure? {
        if let failure { return failure }
        guard let error = trace.writeError else { return nil }
        return StorageFailure(
            component: "the trace file", operation: "writing trace.jsonl", reason: FileOperationError.describe(error))
    }

    /// Records a storage error a vertical reported beside its answer (a 503 or an `unavailable`
    /// refusal caused by its own storage, not by a simulated outage).
    func storageFailed(_ vertical: String, _ operation: @autoclosure () -> String, reason: String?) {
        guard let reason, failure == nil else { return }
        failure = StorageFailure(component: "vertical \(vertical)", operation: operation(), reason: reason)
    }
}
