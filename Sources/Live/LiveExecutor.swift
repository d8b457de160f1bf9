import Dispatch

/// The threads the live mode's tasks run on: a task executor over a concurrent dispatch queue of
/// its own, so the servers, the sync senders, the health checks and the load never wait for
/// Swift's cooperative pool (one thread per core), which a host process (a test run, a tool
/// embedding the live mode) may keep busy with blocking work. Every task the live mode starts
/// prefers it; structured child tasks (Hummingbird's connections) and default actors inherit it.
final class LiveExecutor: TaskExecutor, Sendable {
    /// The one pool of the live mode.
    static let shared = LiveExecutor()

    private let queue = DispatchQueue(label: "glassbreak.live", qos: .userInitiated, attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
