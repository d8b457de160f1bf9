import Verticals

/// Starts and lifts each fault at its virtual time by changing the world's components: link
/// conditions, vertical and edge flags, DNS. Lifting restores exactly what starting changed.
final class FaultInjector {
    let board: FaultBoard
    let queue: EventQueue
    let network: SimNetwork
    let nodes: [VerticalNode]
    let edge: EdgeNode?
    let clients: ClientFabric
    let sync: SyncFabric
    let events: WorldEventStream
    let storage: StorageGuard
    let seed: UInt64

    init(
        board: FaultBoard, queue: EventQueue, network: SimNetwork, nodes: [VerticalNode], edge: EdgeNode?,
        clients: ClientFabric, sync: SyncFabric, events: WorldEventStream,
        storage: StorageGuard, seed: UInt64
    ) {
        self.board = board
        self.queue = queue
        self.network = network
        self.nodes = nodes
        self.edge = edge
        self.clients = clients
        self.sync = sync
        self.events = events
        self.storage = storage
        self.seed = seed
    }

    /// Schedules every fault's start and end.
    func scheduleAll() {
        for instance in board.instances {
            queue.schedule(atUs: instance.startUs) { [self] in set(instance, active: true) }
            queue.schedule(atUs: instance.endUs) { [self] in set(instance, active: false) }
        }
    }

    /// Lifts every fault still active (the heal phase begins).
    func liftAll() {
        for instance in board.instances where instance.active {
            set(instance, active: false)
        }
    }

    private func node(_ id: String) -> VerticalNode { nodes.node(id) }

    private func set(_ instance: FaultInstance, active: Bool) {
        guard instance.active != active else { return }
        instance.active = active
        events.emit(.faultToggled(kind: instance.spec.kind, target: instance.spec.target, active: active))
        let spec = instance.spec
        switch spec.target {
        case .vertical(let id): apply(spec, to: node(id), active: active)
        case .edge: applyEdge(spec, active: active)
        case .domain(let name): applyDomain(spec, name: name, active: active)
        case .link(let a, let b): applyLink(spec, a, b, active: active)
        }
    }

    private func apply(_ spec: FaultSpec, to node: VerticalNode, active: Bool) {
        switch spec.kind {
        case .computeOutage: node.computeDown = active
        case .controlPlaneOutage: node.coldStartsFail = active
        case .databaseOutage: node.health.databaseUp = !active
        case .bucketOutage: node.health.bucketUp = !active
        case .providerOutage:
            node.providerDown = active
            node.health.databaseUp = !active
            node.health.bucketUp = !active
        case .crash:
            node.crashed = active
            if !active {
                guard let lost = storage.storage(node.id, "restarting after a crash", { try node.restart() })
                else { return }
                if lost > 0 {
                    events.emit(.outboxLost(vertical: node.id, rows: lost))
                }
                sync.restarted(origin: node.index)
            }
        case .secretMismatch:
            node.wrongKeyring = active ? SyncKeys.wrongKeyring(for: node.id, seed: seed) : nil
        case .brownout: node.brownoutRate = active ? spec.rate ?? 0 : 0
        case .clockSkew: node.clockSkewUs = active ? spec.offsetUs ?? 0 : 0
        default: preconditionFailure("\(spec.kind) does not aim at a vertical")
        }
    }

    private func applyEdge(_ spec: FaultSpec, active: Bool) {
        guard let edge else { preconditionFailure("edge fault without an edge") }
        switch spec.kind {
        case .edgeOutage: edge.down = active
        case .edgeError:
            edge.errorRate = active ? spec.rate ?? 0 : 0
            edge.errorCount = active ? spec.count ?? 0 : 0
        default: preconditionFailure("\(spec.kind) does not aim at the edge")
        }
    }

    private func applyDomain(_ spec: FaultSpec, name: String, active: Bool) {
        switch spec.kind {
        case .registrarSuspension:
            guard let record = clients.directory.record(name) else { preconditionFailure("unknown domain \(name)") }
            clients.directory.setSuspended(record.registrar, active)
        case .dnsMisconfiguration:
            clients.directory.setMisconfigured(name, active)
        default: preconditionFailure("\(spec.kind) does not aim at a domain")
        }
    }

    private func applyLink(_ spec: FaultSpec, _ a: String, _ b: String, active: Bool) {
        var directions = [(a, b)]
        if !(spec.kind == .partition && spec.oneway) { directions.append((b, a)) }
        for (from, to) in directions {
            network.update(from: from, to: to) { conditions in
                switch spec.kind {
                case .partition: conditions.isCut = active
                case .messageLoss: conditions.lossRate = active ? spec.rate ?? 0 : 0
                case .messageDuplication: conditions.duplicationRate = active ? spec.rate ?? 0 : 0
                case .messageReorder: conditions.reorderRate = active ? spec.rate ?? 0 : 0
                case .messageTamper: break  // the fault board rewrites messages while active
                case .linkLatency:
                    if active {
                        conditions.savedLatency = (conditions.latencyUs, conditions.jitterUs)
                        conditions.latencyUs = spec.latencyUs ?? conditions.latencyUs
                        conditions.jitterUs = min(spec.jitterUs ?? 0, conditions.latencyUs)
                    } else if let saved = conditions.savedLatency {
                        (conditions.latencyUs, conditions.jitterUs) = saved
                        conditions.savedLatency = nil
                    }
                default: preconditionFailure("\(spec.kind) does not aim at a link")
                }
            }
        }
    }
}
