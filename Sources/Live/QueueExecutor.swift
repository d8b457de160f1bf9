import Dispatch

/// A serial executor on its own dispatch queue: the actor that owns a vertical runs there, so its
/// blocking work (SQLite through GRDB's synchronous API, Argon2id hashing) never holds one of the
/// few threads of Swift's cooperative pool that the servers and clients need.
final class QueueExecutor: SerialExecutor, Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
