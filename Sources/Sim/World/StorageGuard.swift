/// Where the world's storage errors go: the first one met on the simulated path is kept as the
/// run's failure, and the run stops after the current event (`simctl` exits 3). Owned by the
/// simulation and handed to the parts of the world that touch a vertical's storage.
final class StorageGuard {
    /// The first storage error met; nil while the run is healthy.
    private(set) var failure: StorageFailure?

    /// Runs `body`, a storage operation of `vertical` on the simulated path. On an error, records
    /// it as the run's failure (the first one wins) and returns nil, so the caller abandons what it
    /// was doing.
    func storage<T>(_ vertical: String, _ operation: @autoclosure () -> String, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch {
            if failure == nil { failure = StorageFailure(vertical: vertical, operation: operation(), error: error) }
            return nil
        }
    }

    /// Records a storage error a vertical reported beside its answer (a 503 or an `unavailable`
    /// refusal caused by its own storage, not by a simulated outage).
    func storageFailed(_ vertical: String, _ operation: @autoclosure () -> String, reason: String?) {
        guard let reason, failure == nil else { return }
        failure = StorageFailure(component: "vertical \(vertical)", operation: operation(), reason: reason)
    }
}
