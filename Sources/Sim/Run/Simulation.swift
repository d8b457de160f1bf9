import Edge
import Foundation
import Logging
import Mechanisms
import Verticals

/// One run of one scenario: builds the world in `directory`, runs the chaos phase then the heal
/// phase, and judges the expectations. Everything that happens is a function of the scenario and
/// its seed.
///
/// ```swift
/// let scenario = try ScenarioLoader.load(path: "scenarios/steady-state.yaml")
/// let result = try Simulation(scenario: scenario, directory: folder).run()
/// ```
public final class Simulation {
    public let scenario: Scenario
    let directory: URL
    let queue = EventQueue()
    let random: SimRandom
    /// The world's event stream; the trace and the checkers subscribe to it, in that order.
    let events: WorldEventStream
    let trace: TraceRecorder
    let checkers: Checkers
    /// Where the world's storage errors go (the run stops on the first).
    let storage = StorageGuard()
    let nodes: [VerticalNode]
    let network: SimNetwork
    let board: FaultBoard
    let edge: EdgeNode?
    let clients: ClientFabric
    let sync: SyncFabric
    let injector: FaultInjector
    /// The edge's health checks (nil without an edge).
    let prober: HealthProber?
    let users: UserDirectory
    let auth: AuthFlows
    private let logSinks: [JSONLinesLogSink]
    private var catchUpHeads: [Int64]?
    var convergedAtUs: Int64?
    /// Called every second of virtual time with how far the run has got (a progress line). It
    /// observes only: a run with it and a run without are the same, event for event.
    public var onProgress: ((RunProgress) -> Void)?

    /// Checks that this build can run everything the scenario asks for (today: everything the
    /// loader accepts).
    public static func checkSupported(_ scenario: Scenario) throws(SimulationError) {}

    /// Prepares a run of `scenario` whose files go to `directory` (created; must be empty or absent,
    /// or hold only the verticals' fresh database files, `ID.sqlite`, as a fuzz seed's folder does).
    public init(scenario: Scenario, directory: URL) throws {
        try Self.checkSupported(scenario)
        self.scenario = scenario
        self.directory = directory
        let random = SimRandom(seed: scenario.seed)
        self.random = random
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let trace = try TraceWriter(url: directory.appendingPathComponent("trace.jsonl"))
        let topology = scenario.topology
        board = FaultBoard(specs: scenario.faults, chaosEndUs: scenario.durationUs, random: random)
        let flapWindowUs = topology.edge.map { Int64($0.healthCheck.window) * $0.healthCheck.intervalUs } ?? 0
        // The subscribers, in a fixed order: the trace first, then every checker.
        let clock = queue
        let events = WorldEventStream(clock: clock)
        let traceRecorder = TraceRecorder(writer: trace)
        traceRecorder.traceMessages = scenario.traceMessages
        let checkers = Checkers(peers: topology.verticals.count - 1, flapWindowUs: flapWindowUs)
        events.subscribe(traceRecorder)
        for checker in checkers.subscribers { events.subscribe(checker) }
        checkers.sessions.onViolation = { violation, request in
            traceRecorder.violation(violation, request: request, atUs: clock.nowUs)
        }
        checkers.auth.onHazard = { check, log in traceRecorder.hazard(check, log, atUs: clock.nowUs) }
        self.events = events
        self.trace = traceRecorder
        self.checkers = checkers
        let ids = topology.verticals.map(\.id)
        let authConfig = VerticalAssembly.authConfig(topology, seed: scenario.seed)
        var nodes: [VerticalNode] = []
        var sinks: [JSONLinesLogSink] = []
        // One for the world: a password hashed at sign-up on one vertical is checked at login on
        // any of them without running Argon2id again (the answer, and the virtual cost, unchanged).
        let passwords = RememberingPasswordHasher()
        for (index, spec) in topology.verticals.enumerated() {
            let sink = try JSONLinesLogSink(url: directory.appendingPathComponent("\(spec.id).log.jsonl"))
            sinks.append(sink)
            let logger = Logger(label: spec.id) { label in VerticalLogHandler(sink: sink, label: label) }
            let vertical = try VerticalAssembly.vertical(
                spec, of: topology, seed: scenario.seed, auth: authConfig, directory: directory,
                entropy: GeneratorEntropy(random.stream("vertical.\(spec.id).entropy")), passwords: passwords,
                logger: logger, disabled: scenario.ablations)
            // Envelopes carry Unix seconds on the tokens' epoch; the consumer judges them on it.
            vertical.consumer.epochUnixSeconds = authConfig.epochUnixSeconds
            let node = VerticalNode(
                id: spec.id, index: index, vertical: vertical, limits: Self.limits(spec),
                pricing: ComputePricing(argon2: authConfig.argon2), random: random)
            node.accessLog = sink
            nodes.append(node)
        }
        self.nodes = nodes
        logSinks = sinks
        let link = topology.network.defaultLink
        network = SimNetwork(
            queue: queue, random: random,
            defaultConditions: LinkConditions(latencyUs: link.latencyUs, jitterUs: link.jitterUs),
            pairConditions: Dictionary(
                uniqueKeysWithValues: topology.network.pairLinks.map {
                    ($0.0, LinkConditions(latencyUs: $0.1.latencyUs, jitterUs: $0.1.jitterUs))
                }))
        edge = topology.edge.map { spec in
            let targets = topology.domains.first { $0.edge == spec.name }?.targets ?? ids
            let check = spec.healthCheck
            return EdgeNode(
                router: EdgeRouter(
                    name: spec.name, targets: targets, window: check.window,
                    threshold: check.threshold, initial: check.initial, disabled: scenario.ablations),
                random: random)
        }
        let directory = DomainDirectory(
            records: topology.domains.map { domain in
                DomainRecord(
                    name: domain.name, registrar: domain.registrar,
                    target: domain.edge.map { .edge($0) } ?? .vertical(domain.targets[0]), ttlUs: domain.dnsTTLUs)
            })
        if let edge, let spec = topology.edge {
            prober = HealthProber(
                queue: queue, nodes: nodes, edge: edge, faults: board, events: events,
                link: topology.network.client, check: spec.healthCheck, endUs: scenario.durationUs, random: random)
        } else {
            prober = nil
        }
        clients = ClientFabric(
            path: RequestPath(
                queue: queue, faults: board, events: events, storage: storage,
                latency: ClientLatency(link: topology.network.client, random: random)),
            nodes: nodes, edge: edge, directory: directory, epochUnixSeconds: authConfig.epochUnixSeconds,
            random: random)
        sync = SyncFabric(
            queue: queue, network: network, nodes: nodes,
            configuration: topology.sync.sender(disabled: scenario.ablations),
            events: events, storage: storage, faults: board, random: random)
        injector = FaultInjector(
            board: board, queue: queue, network: network, nodes: nodes, edge: edge,
            clients: clients, sync: sync, events: events, storage: storage, seed: scenario.seed)
        users = UserDirectory(random: random)
        auth = AuthFlows(
            clients: clients, events: events, queue: queue, epochUnixSeconds: authConfig.epochUnixSeconds)
        clients.onCommit = { [sync] origin, request in sync.committed(origin: origin, request: request) }
        sync.onProgress = { [unowned self] in noteProgress() }
    }

    static func limits(_ spec: VerticalSpec) -> RuntimeLimits {
        RuntimeLimits(
            platform: spec.platform, coldStartUs: spec.runtime.coldStartUs,
            warmLatencyUs: spec.runtime.warmLatencyUs, timeoutUs: spec.runtime.timeoutUs,
            maxPayloadBytes: spec.runtime.maxPayloadBytes, idleEvictionUs: spec.runtime.idleEvictionUs,
            concurrency: spec.runtime.concurrency, databaseIdleAfterUs: spec.databaseIdle?.afterUs,
            databaseColdStartUs: spec.databaseIdle?.coldStartUs ?? 0,
            databaseRoundTripUs: 2 * (RegionLatency.oneWayUs(spec.region, spec.databaseRegion) ?? 0))
    }

    private func noteProgress() {
        if convergedAtUs == nil, let heads = catchUpHeads, sync.hasCaughtUp(to: heads) {
            convergedAtUs = queue.nowUs
        }
        for instance in board.instances where instance.recoveredAtUs == nil {
            if let heads = instance.backlogHeads, sync.hasCaughtUp(to: heads) {
                instance.recoveredAtUs = queue.nowUs
            }
        }
    }

    /// The instant from which convergence is timed: the end of the last fault, or the end of the
    /// chaos phase when there are no faults or one lasts to the end.
    var lastHealUs: Int64 {
        board.instances.map(\.endUs).max() ?? scenario.durationUs
    }

    /// Runs both phases and judges the run.
    public func run() throws -> RunResult {
        let wallStart = ContinuousClock.now  // wall-clock-ok: reported as wall_ms only
        prober?.start()
        if let workload = scenario.workload {
            WorkloadDriver(
                workload: workload, queue: queue, clients: clients, auth: auth, users: users, events: events,
                endUs: scenario.durationUs, random: random
            ).start()
        }
        ScriptDriver(
            steps: scenario.script, queue: queue, clients: clients, auth: auth, users: users, events: events,
            attachmentBytes: scenario.workload?.attachmentBytes ?? 2048
        ).start()
        injector.scheduleAll()
        for instance in board.instances {
            // Once lifted, a fault's window lasts until sync has caught up with what it held back.
            queue.schedule(atUs: instance.endUs) { [self] in
                instance.backlogHeads = sync.heads
                noteProgress()
            }
        }
        let healMark = lastHealUs
        queue.schedule(atUs: healMark) { [self] in
            catchUpHeads = sync.heads
            noteProgress()
        }
        if let onProgress {
            let (name, durationUs) = (scenario.name, scenario.durationUs)
            queue.observe(everyUs: VirtualTime.second) { [availability = checkers.availability] nowUs in
                onProgress(
                    RunProgress(
                        scenario: name, virtualUs: nowUs, durationUs: durationUs, requests: availability.requests,
                        healing: nowUs > durationUs))
            }
        }
        // Chaos phase. A storage failure stops the run after the event that met it.
        queue.run(untilUs: scenario.durationUs) { [self] in runFailure != nil }
        try stopIfFailed()
        // Heal phase: faults lifted, no new traffic; sync drains.
        injector.liftAll()
        events.emit(.phase(.heal))
        queue.run(untilUs: scenario.durationUs + scenario.healTimeoutUs) { [self] in
            runFailure != nil || (convergedAtUs != nil && sync.isDrained && network.inFlight == 0)
        }
        try stopIfFailed()
        let endUs = queue.nowUs
        events.emit(.phase(.end(drained: sync.isDrained)))
        let measurements = try measure()
        let checks = CheckEvaluator.evaluate(scenario.expectations, measurements)
        let digest = trace.writer.finish()
        for sink in logSinks { sink.close() }
        if let failure = runFailure { throw failure }
        let wall = ContinuousClock.now - wallStart  // wall-clock-ok
        return RunResult(
            scenario: scenario.name, seed: scenario.seed, ablations: scenario.ablations.names,
            pass: checks.allSatisfy { $0.pass },
            virtualMs: endUs / VirtualTime.ms,
            wallMs: wall.components.seconds * 1000 + wall.components.attoseconds / 1_000_000_000_000_000,
            requests: checkers.availability.requests, events: queue.executedEvents, checks: checks,
            metrics: measurements.metricsJSON(), faults: faultReports(), traceSHA256: digest)
    }

    /// Ends a run that met a storage failure: the trace and logs are flushed for inspection (the
    /// partial run folder is kept), and the failure is thrown (`simctl` exits 3).
    private func stopIfFailed() throws {
        guard let failure = runFailure else { return }
        events.emit(.phase(.failed(reason: failure.description)))
        _ = trace.writer.finish()
        for sink in logSinks { sink.close() }
        throw failure
    }

    /// The run's failure: a vertical's storage, or the trace file or a vertical's log that could
    /// not be written.
    var runFailure: StorageFailure? {
        if let failure = storage.failure { return failure }
        if let error = trace.writer.writeError {
            return StorageFailure(
                component: "the trace file", operation: "writing trace.jsonl",
                reason: FileOperationError.describe(error))
        }
        for (node, sink) in zip(nodes, logSinks) {
            guard let error = sink.writeError else { continue }
            return StorageFailure(
                component: "\(node.id)'s log", operation: "writing \(node.id).log.jsonl",
                reason: FileOperationError.describe(error))
        }
        return nil
    }

    private func faultReports() -> [FaultReport] {
        board.instances.map { instance in
            FaultReport(
                kind: instance.spec.kind.rawValue, target: instance.spec.target.description,
                atMs: instance.startUs / VirtualTime.ms, forMs: (instance.endUs - instance.startUs) / VirtualTime.ms,
                affectedRequests: instance.affectedRequests, affectedProbes: instance.affectedProbes,
                affectedEnvelopes: instance.affectedEnvelopes, affectedAcks: instance.affectedAcks)
        }
    }
}
