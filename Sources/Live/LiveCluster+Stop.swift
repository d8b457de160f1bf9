import Foundation

/// Stopping the live topology cleanly.
extension LiveCluster {
    /// Stops everything: background tasks (health checks, load) end, faults stop acting, the
    /// senders stop and their POSTs in flight are answered, the servers stop accepting and finish
    /// the requests in flight, then each database is checkpointed and closed, so every `.sqlite`
    /// file in the data folder is complete by itself. Returns the summary.
    public func stop() async -> LiveSummary {
        let tasks = background.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        await faults.cancelTimers()
        if let edgeServer { await edgeServer.stop() }
        for node in nodes { await node.vertical.stopSync() }
        for node in nodes { await node.server.stop() }
        await controlServer.stop()
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
        return LiveSummary(stats: stats.snapshot(), durationUs: clock.nowUs() - startedUs, ready: ready)
    }
}
