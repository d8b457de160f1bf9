import Foundation

/// The shared bookkeeping of a campaign's workers, behind one lock: which seed index is next,
/// outcomes that arrived ahead of their turn, what has been reported, and the first error.
final class FuzzCampaignState: @unchecked Sendable {
    // Every stored property below is read and written only while `lock` is held.
    private let lock = NSLock()
    private let total: Int
    private var next = 0
    private var pending: [Int: FuzzSeedOutcome] = [:]
    private var emitted = 0
    private var failures = 0
    private var reported: [FuzzSeedOutcome] = []
    private var firstError: FuzzSeedError?
    private let start = ContinuousClock.now  // wall-clock-ok: progress and seeds per minute only
    private let startCPUUs = FuzzCampaignState.processCPUUs()

    init(total: Int) {
        self.total = total
    }

    /// The next seed index to run, or nil when all are taken or a seed failed to run.
    func claim() -> Int? {
        lock.withLock {
            guard firstError == nil, next < total else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// Records the outcome of seed `index` and reports every outcome now due, in order.
    func finish(index: Int, outcome: FuzzSeedOutcome, emit: (FuzzSeedOutcome) -> Void) {
        lock.withLock {
            pending[index] = outcome
            while let due = pending.removeValue(forKey: emitted) {
                emitted += 1
                if !due.pass { failures += 1 }
                reported.append(due)
                emit(due)
            }
        }
    }

    /// Stops the campaign: no further seed is claimed.
    func fail(_ error: FuzzSeedError) {
        lock.withLock {
            if firstError == nil { firstError = error }
        }
    }

    var error: FuzzSeedError? { lock.withLock { firstError } }
    var outcomes: [FuzzSeedOutcome] { lock.withLock { reported } }

    func progress() -> FuzzProgress {
        lock.withLock {
            let elapsed = ContinuousClock.now - start  // wall-clock-ok
            return FuzzProgress(
                done: emitted, total: total, failures: failures,
                elapsedMs: elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        }
    }

    /// Processor time the process has used since the campaign started (ms): the summary's CPU
    /// per seed. Threads of the campaign only, as long as nothing else runs in the process.
    var cpuMs: Int64 { (Self.processCPUUs() - startCPUUs) / 1000 }

    /// User + system time of the whole process so far (`getrusage`), in µs.
    static func processCPUUs() -> Int64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Int64(usage.ru_utime.tv_sec) * 1_000_000 + Int64(usage.ru_utime.tv_usec)
        let system = Int64(usage.ru_stime.tv_sec) * 1_000_000 + Int64(usage.ru_stime.tv_usec)
        return user + system
    }
}
