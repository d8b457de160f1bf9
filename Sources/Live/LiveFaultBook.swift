import Foundation
import Sim

/// The live faults in force, by id, and the timers that lift them. After every change the whole
/// fault state is derived again from what is in force (``reconcile(_:)``), so overlapping faults
/// lift one at a time and lifting restores exactly what starting changed.
actor LiveFaultBook {
    private(set) var active: [ActiveLiveFault] = []
    private var nextID = 1
    private var timers: [Int: Task<Void, Never>] = [:]
    private var cancelled = false

    /// Starts `request` (already validated) on `cluster`; it ends by itself after its `for`.
    func inject(_ request: LiveFaultRequest, on cluster: LiveCluster) async -> ActiveLiveFault {
        let nowMs = Int64(Date().timeIntervalSince1970 * 1000)
        let fault = ActiveLiveFault(
            id: nextID, request: request, startedUnixMs: nowMs, endsUnixMs: request.forUs.map { nowMs + $0 / 1000 })
        nextID += 1
        active.append(fault)
        if let forUs = request.forUs, !cancelled {
            timers[fault.id] = Task(executorPreference: LiveExecutor.shared) { [weak cluster] in
                try? await Task.sleep(for: .microseconds(forUs))  // try?-ok: cancelled means stopping
                guard !Task.isCancelled, let cluster else { return }
                _ = await self.lift(fault.id, on: cluster)
            }
        }
        cluster.onEvent("fault #\(fault.id) \(request.kind.rawValue) \(request.targetDescription) started")
        await reconcile(cluster)
        return fault
    }

    /// Lifts fault `id`; false when no such fault is in force.
    func lift(_ id: Int, on cluster: LiveCluster) async -> Bool {
        guard let index = active.firstIndex(where: { $0.id == id }) else { return false }
        let fault = active.remove(at: index)
        timers.removeValue(forKey: id)?.cancel()
        cluster.onEvent("fault #\(id) \(fault.request.kind.rawValue) \(fault.request.targetDescription) lifted")
        await reconcile(cluster)
        return true
    }

    /// Lifts every fault; returns their ids.
    func liftAll(on cluster: LiveCluster) async -> [Int] {
        let ids = active.map(\.id)
        for id in ids { _ = await lift(id, on: cluster) }
        return ids
    }

    /// Cancels every lift timer (the topology is stopping; the faults' state no longer matters).
    func cancelTimers() {
        cancelled = true
        for task in timers.values { task.cancel() }
        timers.removeAll()
    }

    /// Derives each vertical's switches and each link's conditions from the faults in force and
    /// applies them: servers stop when their vertical becomes unreachable and start again when it
    /// comes back (after a crash, with its in-memory state lost).
    private func reconcile(_ cluster: LiveCluster) async {
        for node in cluster.nodes {
            var state = LiveFaultState()
            for fault in active where fault.request.target == node.spec.id {
                switch fault.request.kind {
                case .computeOutage: state.computeDown = true
                case .databaseOutage: state.databaseDown = true
                case .bucketOutage: state.bucketDown = true
                case .providerOutage: state.providerDown = true
                case .crash: state.crashed = true
                case .brownout: state.brownoutRate = max(state.brownoutRate, fault.request.rate ?? 0)
                default: break
                }
            }
            let before = await node.vertical.faults
            await node.vertical.setFaults { $0 = state }
            if before.listens, !state.listens { await node.server.stop() }
            if before.crashed, !state.crashed { await node.vertical.restartAfterCrash() }
            if !before.listens, state.listens {
                do {
                    try await node.server.start()
                } catch {
                    cluster.stats.problem("\(node.spec.id): restarting its server: \(error)")
                }
            }
        }
        var partitioned: Set<String> = []
        var latency: [String: Int64] = [:]
        var loss: [String: Double] = [:]
        for fault in active {
            guard let between = fault.request.between, between.count == 2 else { continue }
            let key = SyncTransport.pairKey(between[0], between[1])
            switch fault.request.kind {
            case .partition: partitioned.insert(key)
            case .linkLatency: latency[key] = max(latency[key] ?? 0, fault.request.latencyUs ?? 0)
            case .messageLoss: loss[key] = max(loss[key] ?? 0, fault.request.rate ?? 0)
            default: break
            }
        }
        await cluster.transport.setLinkFaults(partitioned: partitioned, latencyUs: latency, lossRate: loss)
    }
}
