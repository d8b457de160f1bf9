import Benchmark
import Edge
import Foundation
import HTTPTypes
import Logging
import Verticals

// Sim's own `Benchmark` (the scenario benchmarks' figures) would clash with package-benchmark's:
// import only what is used (Sim's SQLite reference loop is called from SQLiteReference.swift).
import class Sim.EventQueue
import enum Sim.ScenarioLoader
import class Sim.Simulation
import struct Sim.Xoshiro256

/// The cost of each layer a simulated request crosses, one benchmark per layer, so that a change
/// to one layer shows in its own figure. Wall time, allocations (the malloc interposer) and, where
/// the machine exposes hardware counters, instructions. Run with `make bench` (or
/// `swift package benchmark` in this folder).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .instructions, .mallocCountTotal], scalingFactor: .kilo,
        maxDuration: .seconds(3), maxIterations: 1_000)

    // The bare event kernel: one event scheduled and run (a heap push and pop, one closure).
    Benchmark("kernel: schedule and run one event") { benchmark in
        let queue = EventQueue()
        var counter = 0
        for index in benchmark.scaledIterations {
            queue.schedule(afterUs: Int64(index % 1000)) { counter += 1 }
        }
        while queue.step() {}
        blackHole(counter)
    }

    // The edge's decision for a request carrying a pin cookie.
    Benchmark("edge: route a pinned request") { benchmark in
        var router = EdgeRouter(
            name: "fastly", targets: ["aws", "scaleway"], window: 5, threshold: 3, initial: 2, disabled: .none)
        var draw: UInt64 = 1
        for _ in benchmark.scaledIterations {
            draw = draw &* 6_364_136_223_846_793_005 &+ 1
            blackHole(router.route(cookieHeader: "gb_vertical=aws", draw: draw))
        }
    }

    // The API core on the typed in-process path: a create, then a read of what was created.
    let api = try! LayerFixture()  // a benchmark cannot start without its verticals
    Benchmark("api: create a runbook") { benchmark in
        for _ in benchmark.scaledIterations {
            let response = api.aws.handle(api.create(id: api.nextID()), nowUs: api.nextUs(), requestID: "r")
            precondition(response.status == 201, "create answered \(response.status)")
        }
    }
    let readID = api.nextID()
    let created = api.aws.handle(api.create(id: readID), nowUs: api.nextUs(), requestID: "r")
    precondition(created.status == 201, "create answered \(created.status)")
    Benchmark("api: read a runbook") { benchmark in
        let read = api.request(.get, "/api/runbooks/\(readID)")
        for _ in benchmark.scaledIterations {
            let response = api.aws.handle(read, nowUs: api.nextUs(), requestID: "r")
            precondition(response.status == 200, "read answered \(response.status)")
        }
    }

    // One write through the vertical's storage path (cached BEGIN/COMMIT, the typed upsert, the
    // outbox trigger), against a raw single-row SQLite commit on a fresh WAL database.
    Benchmark("storage: one runbook write through the vertical") { benchmark in
        for _ in benchmark.scaledIterations {
            let row = RunbookRow(
                id: api.nextID(), owner: "u", title: "t", body: "b", version: 1, hlc: api.nextUs(),
                origin: "aws", deleted: false, updatedUs: 1)
            try api.aws.database.write { db in try row.upsertIfNewer(db) }
        }
    }
    Benchmark("storage: raw SQLite single-row commit") { benchmark in
        let rate = try SQLiteReference.rate(
            directory: LayerFixture.scratch("raw"), transactions: benchmark.scaledIterations.count)
        blackHole(rate)
    }

    // A sync batch of 100 rows: read and encode from the outbox, sign, verify, parse and apply
    // on the peer. Divide by 100 for the cost per row.
    let sync = try! LayerFixture()  // a benchmark cannot start without its verticals
    // The peer applies only what follows its watermark: the sign-up's outbox rows (account, TOTP
    // and passkey state, recovery codes) go over first, or the first measured batch is a gap.
    try! sync.replicate()  // a benchmark cannot start on a peer that refuses its batches
    Benchmark(
        "sync: one batch of 100 rows (encode, sign, verify, apply)",
        configuration: .init(scalingFactor: .one, maxIterations: 200)
    ) { benchmark in
        // The 100 writes that fill the outbox are the preamble: measurement starts after them.
        let afterSeq = sync.aws.database.outboxHead
        let peerWatermark = try sync.scaleway.consumer.appliedSeq(from: "aws")
        precondition(peerWatermark == afterSeq, "the peer is at \(peerWatermark), the outbox at \(afterSeq)")
        for _ in 0..<100 {
            let response = sync.aws.handle(sync.create(id: sync.nextID()), nowUs: sync.nextUs(), requestID: "r")
            precondition(response.status == 201, "create answered \(response.status)")
        }
        precondition(sync.aws.database.outboxHead == afterSeq + 100, "a create wrote other than one outbox row")
        benchmark.startMeasurement()
        let nowUs = sync.nextUs()
        guard
            let (envelope, _) = try sync.aws.publisher.envelope(
                to: "scaleway", afterSeq: afterSeq, timestampSeconds: sync.unixSeconds(nowUs))
        else { preconditionFailure("no envelope") }
        let receipt = sync.scaleway.receiveSync(envelope, from: "aws", nowUs: nowUs)
        benchmark.stopMeasurement()
        precondition(
            receipt.ack.rejection == nil && !receipt.gap && receipt.applied.count == 100,
            "batch refused: \(receipt.ack.rejection?.rawValue ?? "gap"), \(receipt.applied.count) applied")
        // The acknowledgement prunes the outbox, as in a run (not measured).
        try sync.aws.publisher.acknowledge(peer: "scaleway", appliedSeq: receipt.ack.appliedSeq)
    }

    // A whole simulated request: a small saturated run (edge, runtime, API core, storage, sync,
    // checkers, trace and logs) divided by its requests; the figure is per run of about 2,000.
    Benchmark(
        "simulation: a run of about 2,000 requests (divide by 2,000)",
        configuration: .init(
            metrics: [.wallClock, .instructions, .mallocCountTotal], scalingFactor: .one, maxIterations: 5)
    ) { benchmark in
        let scenario = try ScenarioLoader.parse(yaml: LayerFixture.smallRun, file: "bench.yaml")
        let folder = LayerFixture.scratch("run")
        let result = try Simulation(scenario: scenario, directory: folder).run()
        precondition(result.pass, "the benchmark run failed its checks")
        try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())  // try?-ok: scratch
    }
}

/// Two verticals in a scratch folder, and an account on them with its access token.
final class LayerFixture {
    static let smallRun = """
        name: layer-bench
        seed: 1
        duration: 2s
        topology: {use: standard, auth: {argon2: {memory: 64KiB, iterations: 1}}}
        workload: {users: 50, rate: 1000/s}
        expect: {lost_writes: 0, converged: true}
        """

    let aws: Vertical
    let scaleway: Vertical
    let token: String
    private var clockUs: Int64 = 1_000_000
    private var serial = 0
    let auth = AuthConfig(
        jwtSecret: SyncKeyring.derivedKey("bench-jwt"),
        argon2: Argon2id.Parameters(memoryKiB: 64, iterations: 1, parallelism: 1),
        accessTTLSeconds: 86_400 * 365, refreshTTLSeconds: 86_400 * 365)

    /// A fresh folder under the temporary directory (its parent is removed afterwards).
    static func scratch(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gb-bench-\(UUID().uuidString)")
            .appendingPathComponent(name)
    }

    init() throws {
        let folder = Self.scratch("verticals")
        let key = SyncKeyring(keys: [SyncKeyring.derivedKey("bench-sync")])
        let auth = self.auth  // the nested function must not capture `self` before it is initialised
        func vertical(_ id: String, _ peer: String) throws -> Vertical {
            try Vertical(
                identity: VerticalIdentity(
                    id: id, platform: id, environment: "production", region: "r1", database: "sqlite", bucket: "dir"),
                maxPayloadBytes: 6_000_000, directory: folder, keyrings: [peer: key], syncBatch: 100,
                syncToleranceUs: 300_000_000, auth: auth, entropy: GeneratorEntropy(Xoshiro256(seed: 7)),
                logger: Logger(label: id) { _ in SwiftLogNoOpLogHandler() })
        }
        aws = try vertical("aws", "scaleway")
        scaleway = try vertical("scaleway", "aws")
        scaleway.consumer.epochUnixSeconds = auth.epochUnixSeconds
        let signup = aws.handle(
            APIRequest(
                .post, "/api/auth/signup", headers: [.contentType: "application/json"],
                input: .auth(AuthInput(email: "bench@example.test", password: "correct horse battery"))),
            nowUs: clockUs, requestID: "signup")
        guard signup.status == 201, case .enrolment(let enrolment)? = signup.result else {
            preconditionFailure("sign-up answered \(signup.status)")
        }
        token = enrolment.tokens.accessToken
    }

    /// Sends `aws`'s outbox to `scaleway` in batches until the peer has applied all of it, and
    /// records each acknowledgement, as the simulation's sync does.
    func replicate() throws {
        while true {
            let afterSeq = try scaleway.consumer.appliedSeq(from: "aws")
            let nowUs = nextUs()
            guard
                let (envelope, lastSeq) = try aws.publisher.envelope(
                    to: "scaleway", afterSeq: afterSeq, timestampSeconds: unixSeconds(nowUs))
            else { return }
            let receipt = scaleway.receiveSync(envelope, from: "aws", nowUs: nowUs)
            guard receipt.ack.rejection == nil, !receipt.gap, receipt.ack.appliedSeq == lastSeq else {
                preconditionFailure(
                    "the peer refused the replication (\(receipt.ack.rejection?.rawValue ?? "gap"), watermark \(receipt.ack.appliedSeq))"
                )
            }
            try aws.publisher.acknowledge(peer: "scaleway", appliedSeq: lastSeq)
        }
    }

    /// A strictly later instant on each call (every write takes a fresh timestamp).
    func nextUs() -> Int64 {
        clockUs += 10
        return clockUs
    }

    /// A fresh runbook id.
    func nextID() -> String {
        serial += 1
        return "r\(serial)"
    }

    func unixSeconds(_ nowUs: Int64) -> Int64 { auth.epochUnixSeconds + nowUs / 1_000_000 }

    func request(_ method: HTTPRequest.Method, _ path: String) -> APIRequest {
        APIRequest(method, path, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"])
    }

    /// A create on the typed in-process path (the body a typed value, as the simulator sends it).
    func create(id: String) -> APIRequest {
        APIRequest(
            .post, "/api/runbooks", headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            input: .runbook(RunbookInput(id: id, title: "Runbook", body: "Steps")))
    }
}
