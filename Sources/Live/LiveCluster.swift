import AsyncHTTPClient
import Edge
import Foundation
import Sim
import Verticals

/// The topology running as real HTTP servers on 127.0.0.1: each vertical's direct surface, the
/// edge in front of them, and the control server; sync between the verticals over HTTP. Built by
/// ``start(_:onEvent:)``, stopped by ``stop()``, which returns the summary.
///
/// ```swift
/// let cluster = try await LiveCluster.start(options)
/// print(cluster.ready.json())
/// ...
/// let summary = await cluster.stop()
/// ```
public final class LiveCluster: Sendable {
    /// One vertical: its actor and its server.
    struct Node: Sendable {
        let spec: VerticalSpec
        let vertical: LiveVertical
        let server: LiveHTTPServer
    }

    /// Where everything listens.
    public let ready: ReadyInfo
    let options: ServeOptions
    let nodes: [Node]
    let edge: LiveEdge?
    let edgeServer: LiveHTTPServer?
    let controlServer: LiveHTTPServer
    let transport: SyncTransport
    let client: HTTPClient
    let stats: LiveStats
    let clock: WallClock
    let startedUs: Int64
    /// Background tasks (health checks, load) cancelled at stop.
    let background = LockedBox<[Task<Void, Never>]>([])
    /// Live faults, by id.
    let faults = LiveFaultBook()
    /// Called with each notable event (a target's health changes, a fault starts or ends).
    let onEvent: @Sendable (String) -> Void
    /// `--load`'s simulated users (nil without a load) and their own HTTP client.
    let load: (generator: LoadGenerator, client: HTTPClient)?

    private init(
        options: ServeOptions, nodes: [Node], edge: LiveEdge?, edgeServer: LiveHTTPServer?,
        controlServer: LiveHTTPServer, transport: SyncTransport, client: HTTPClient, stats: LiveStats,
        clock: WallClock, load: (LoadGenerator, HTTPClient)?, onEvent: @escaping @Sendable (String) -> Void
    ) {
        self.load = load
        self.options = options
        self.nodes = nodes
        self.edge = edge
        self.edgeServer = edgeServer
        self.controlServer = controlServer
        self.transport = transport
        self.client = client
        self.stats = stats
        self.clock = clock
        self.onEvent = onEvent
        startedUs = clock.nowUs()
        ready = ReadyInfo(
            edge: edgeServer?.url, verticals: nodes.map { ($0.spec.id, $0.server.url) }, control: controlServer.url,
            data: options.data.url.path)
    }

    /// Opens every vertical's storage, starts every server, and returns once all listen. On any
    /// failure (a port in use, a database that cannot open) whatever started is stopped again.
    public static func start(_ options: ServeOptions, onEvent: @escaping @Sendable (String) -> Void = { _ in })
        async throws -> LiveCluster
    {
        let topology = options.scenario.topology
        let auth = VerticalAssembly.authConfig(topology, seed: options.data.seed)
        let clock = WallClock(epochUnixSeconds: auth.epochUnixSeconds)
        let stats = LiveStats()
        let client = HTTPBridge.makeClient()
        let transport = SyncTransport(client: client, stats: stats, requestTimeoutUs: topology.sync.ackTimeoutUs)
        var nodes: [Node] = []
        var started: [LiveHTTPServer] = []
        func unwind() async {
            for server in started.reversed() { await server.stop() }
            for node in nodes {
                await node.vertical.stopSync(graceUs: 0)
                try? await node.vertical.closeStorage()  // try?-ok: already failing; the first error is reported
            }
            try? await client.shutdown()  // try?-ok: as above
        }
        do {
            for (index, spec) in topology.verticals.enumerated() {
                let vertical = try LiveVertical(
                    spec: spec, topology: topology, seed: options.data.seed, auth: auth, data: options.data.url,
                    clock: clock, transport: transport, stats: stats)
                let server = LiveHTTPServer(
                    name: spec.id, port: options.basePort + 1 + index,
                    handler: VerticalSurface.handler(
                        vertical, maxBodyBytes: spec.runtime.maxPayloadBytes + 65_536, stats: stats))
                nodes.append(Node(spec: spec, vertical: vertical, server: server))
                await transport.setBaseURL(server.url, for: spec.id)
            }
            for node in nodes {
                try await node.server.start()
                started.append(node.server)
            }
            var edge: LiveEdge?
            var edgeServer: LiveHTTPServer?
            var edgeSurface: EdgeSurface?
            if let spec = topology.edge {
                let ids = topology.verticals.map(\.id)
                let targets = topology.domains.first { $0.edge == spec.name }?.targets ?? ids
                let check = spec.healthCheck
                let router = EdgeRouter(
                    name: spec.name, targets: targets, window: check.window, threshold: check.threshold,
                    initial: check.initial, secureCookie: false)
                let live = LiveEdge(router: router)
                let surface = EdgeSurface(
                    name: spec.name, edge: live, client: client, stats: stats,
                    baseURLs: Dictionary(uniqueKeysWithValues: nodes.map { ($0.spec.id, $0.server.url) }),
                    maxBodyBytes: (topology.verticals.map(\.runtime.maxPayloadBytes).max() ?? 0) + 65_536,
                    requestTimeoutUs: 30_000_000)
                let server = LiveHTTPServer(name: "edge", port: options.basePort, handler: surface.handler())
                try await server.start()
                started.append(server)
                (edge, edgeServer, edgeSurface) = (live, server, surface)
            }
            let controlBox = LockedBox<LiveCluster?>(nil)
            let control = LiveHTTPServer(name: "control", port: options.basePort + 100) { request in
                guard let cluster = controlBox.withLock({ $0 }) else {
                    return VerticalSurface.plain(.serviceUnavailable, "{\"error\":\"starting\"}")
                }
                return await ControlSurface(cluster: cluster).handle(request)
            }
            try await control.start()
            started.append(control)
            let load = options.loadRate.map { rate in
                let loadClient = HTTPBridge.makeClient(poolPerHost: LoadGenerator.maxInFlight)
                return (
                    LoadGenerator(
                        workload: WorkloadModel.liveWorkload(options.scenario, ratePerSecond: rate),
                        urls: surfaceURLs(topology, edge: edgeServer?.url, nodes: nodes),
                        directVerticals: Dictionary(
                            uniqueKeysWithValues: topology.domains.compactMap { domain in
                                domain.edge == nil ? domain.targets.first.map { (domain.name, $0) } : nil
                            }), client: loadClient, stats: stats, clock: clock), loadClient
                )
            }
            let cluster = LiveCluster(
                options: options, nodes: nodes, edge: edge, edgeServer: edgeServer, controlServer: control,
                transport: transport, client: client, stats: stats, clock: clock, load: load, onEvent: onEvent)
            controlBox.withLock { $0 = cluster }
            if let edgeSurface, let spec = topology.edge, await edgeSurface.edge.router.probesTargets {
                let task = Task(executorPreference: LiveExecutor.shared) {
                    await edgeSurface.probeForever(spec.healthCheck) { target, healthy in
                        onEvent("edge: \(target) is now \(healthy ? "healthy" : "unhealthy")")
                    }
                }
                cluster.background.withLock { $0.append(task) }
            }
            for node in nodes { await node.vertical.startSync() }
            if let (generator, _) = load {
                let task = Task(executorPreference: LiveExecutor.shared) { await generator.run() }
                cluster.background.withLock { $0.append(task) }
            }
            return cluster
        } catch {
            await unwind()
            throw error
        }
    }

    /// Each domain of the topology to the URL that stands for it on loopback: a domain behind
    /// the edge is the edge, a direct domain its vertical's surface.
    static func surfaceURLs(_ topology: Topology, edge: String?, nodes: [Node]) -> [String: String] {
        var urls: [String: String] = [:]
        for domain in topology.domains {
            if domain.edge != nil {
                if let edge { urls[domain.name] = edge }
            } else if let target = domain.targets.first, let node = nodes.first(where: { $0.spec.id == target }) {
                urls[domain.name] = node.server.url
            }
        }
        return urls
    }

    /// The node of vertical `id`.
    func node(_ id: String) -> Node? { nodes.first { $0.spec.id == id } }
}
