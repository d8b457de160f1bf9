import Foundation
import Verticals

/// Stopping the live topology cleanly.
extension LiveCluster {
    /// Longest wait for sync to drain before the verticals' states are compared.
    static let drainTimeoutUs: Int64 = 10_000_000

    /// Stops everything, in the order that loses nothing: background tasks (health checks, load)
    /// end; the edge and the control server stop accepting and finish their requests in flight;
    /// every fault is lifted and sync drains (at most ``drainTimeoutUs``), like the simulator's
    /// heal phase, so the verticals' states can be compared; then the senders stop, the
    /// verticals' servers finish their requests, and each database is checkpointed and closed, so
    /// every `.sqlite` file in the data folder is complete by itself. Returns the summary.
    public func stop() async -> LiveSummary {
        let tasks = background.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        let loadReport = await load?.generator.report()
        if let load {
            do {
                try await load.client.shutdown()
            } catch {
                stats.problem("shutting the load's HTTP client down: \(error)")
            }
        }
        if let edgeServer { await edgeServer.stop() }
        await controlServer.stop()
        let lifted = await faults.liftAll(on: self)
        await faults.cancelTimers()
        let drained = await drain(timeoutUs: Self.drainTimeoutUs)
        var digests: [(id: String, digest: StateDigest)] = []
        for node in nodes {
            switch await node.vertical.digest() {
            case .success(let digest): digests.append((node.spec.id, digest))
            case .failure(let error): stats.problem(error.description)
            }
        }
        for node in nodes { await node.vertical.stopSync() }
        for node in nodes { await node.server.stop() }
        for node in nodes {
            do {
                try await node.vertical.closeStorage()
            } catch {
                stats.problem("\(node.spec.id): checkpointing and closing the database: \(error)")
            }
        }
        do {
            try await client.shutdown()
        } catch {
            stats.problem("shutting the HTTP client down: \(error)")
        }
        return LiveSummary(
            stats: stats.snapshot(), durationUs: clock.nowUs() - startedUs, ready: ready, liftedFaults: lifted.count,
            drained: drained, digests: digests, load: loadReport)
    }

    /// Waits until every peer has acknowledged every vertical's outbox, polling every 20 ms for
    /// at most `timeoutUs`; returns whether it drained.
    func drain(timeoutUs: Int64) async -> Bool {
        let deadline = ContinuousClock.now + .microseconds(timeoutUs)
        while true {
            var drained = true
            for node in nodes where !(await node.vertical.isDrained()) { drained = false }
            if drained { return true }
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))  // try?-ok: a cancelled wait checks once more
        }
    }
}
