import Benchmark
import Edge
import Foundation
import HTTPTypes
import Logging
import Sim
import Verticals

/// The cost of each layer a simulated request crosses, one benchmark per layer, so that a change
/// to one layer shows in its own figure. Wall time, allocations (the malloc interposer) and, where
/// the machine exposes hardware counters, instructions. Run with `make bench` (or
/// `swift package benchmark` in this folder).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .instructions, .mallocCountTotal],
        maxDuration: .seconds(3), maxIterations: 1_000_000)

    // The bare event kernel: one event scheduled and run (a heap push and pop, one closure).
    Benchmark("kernel: schedule and run one event") { benchmark in
        let queue = EventQueue()
        var counter = 0
        for index in benchmark.scaledIterations {
            queue.schedule(afterUs: Int64(index % 1000)) { counter += 1 }
            if queue.pendingEvents > 1000 { queue.step() }
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
    Benchmark("api: create a runbook") { benchmark in
        let fixture = try LayerFixture()
        for index in benchmark.scaledIterations {
            let response = fixture.aws.handle(
                fixture.create(id: "c\(index)"), nowUs: fixture.nextUs(), requestID: "r")
            precondition(response.status == 201, "create answered \(response.status)")
        }
    }
    Benchmark("api: read a runbook") { benchmark in
        let fixture = try LayerFixture()
        let created = fixture.aws.handle(fixture.create(id: "read-me"), nowUs: fixture.nextUs(), requestID: "r")
        precondition(created.status == 201, "create answered \(created.status)")
        let read = fixture.request(.get, "/api/runbooks/read-me")
        for _ in benchmark.scaledIterations {
            let response = fixture.aws.handle(read, nowUs: fixture.nextUs(), requestID: "r")
            precondition(response.status == 200, "read answered \(response.status)")
        }
    }

    // One write through the vertical's storage path (cached BEGIN/COMMIT, the upsert, the outbox
    // trigger), against a raw single-row SQLite commit on a fresh WAL database.
    Benchmark("storage: one runbook write through the vertical") { benchmark in
        let fixture = try LayerFixture()
        for index in benchmark.scaledIterations {
            let row = RunbookRow(
                id: "w\(index)", owner: "u", title: "t", body: "b", version: 1, hlc: Int64(index + 1),
                origin: "aws", deleted: false, updatedUs: 1)
            try fixture.aws.database.write { db in try row.upsertIfNewer(db) }
        }
    }
    Benchmark("storage: raw SQLite single-row commit") { benchmark in
        let folder = LayerFixture.scratch("raw")
        let rate = try Sim.Benchmark.sqliteReferenceRate(
            directory: folder, transactions: max(1, benchmark.scaledIterations.count))
        blackHole(rate)
    }

    // A sync batch of 100 rows: read and encode from the outbox, sign, verify, parse and apply
    // on the peer. Divide by 100 for the cost per row.
    Benchmark("sync: one batch of 100 rows (encode, sign, verify, apply)") { benchmark in
        let fixture = try LayerFixture()
        var seq: Int64 = 0
        for _ in benchmark.scaledIterations {
            benchmark.stopMeasurement()
            for _ in 0..<100 {
                let response = fixture.aws.handle(
                    fixture.create(id: "s\(seq + 1)"), nowUs: fixture.nextUs(), requestID: "r")
                precondition(response.status == 201, "create answered \(response.status)")
                seq += 1
            }
            benchmark.startMeasurement()
            let nowUs = fixture.nextUs()
            guard
                let (envelope, _) = try fixture.aws.publisher.envelope(
                    to: "scaleway", afterSeq: seq - 100, timestampSeconds: fixture.unixSeconds(nowUs))
            else { preconditionFailure("no envelope") }
            let receipt = fixture.scaleway.receiveSync(envelope, from: "aws", nowUs: nowUs)
            precondition(receipt.ack.rejection == nil && receipt.applied.count == 100, "batch refused")
        }
    }

    // A whole simulated request: a small saturated run (edge, runtime, API core, storage, sync,
    // checkers, trace and logs) divided by its requests; the figure is per run of about 2,000.
    Benchmark(
        "simulation: 2,000 requests (divide by 2,000)",
        configuration: .init(metrics: [.wallClock, .instructions, .mallocCountTotal], maxIterations: 5)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let scenario = try ScenarioLoader.parse(yaml: LayerFixture.smallRun, file: "bench.yaml")
            let folder = LayerFixture.scratch("run")
            let result = try Simulation(scenario: scenario, directory: folder).run()
            precondition(result.pass, "the benchmark run failed its checks")
            try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())  // try?-ok: scratch
        }
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
        let body = Data(#"{"email":"bench@example.test","password":"correct horse battery"}"#.utf8)
        let signup = aws.handle(
            APIRequest(.post, "/api/auth/signup", headers: [.contentType: "application/json"], body: body),
            nowUs: clockUs, requestID: "signup")
        guard signup.status == 201, let answer = try? JSONValue.parse(signup.body),
            let access = answer["tokens"]?["access_token"]?.stringValue
        else { preconditionFailure("sign-up answered \(signup.status)") }
        token = access
    }

    /// A strictly later instant on each call (every write takes a fresh timestamp).
    func nextUs() -> Int64 {
        clockUs += 10
        return clockUs
    }

    func unixSeconds(_ nowUs: Int64) -> Int64 { auth.epochUnixSeconds + nowUs / 1_000_000 }

    func request(_ method: HTTPRequest.Method, _ path: String, body: Data = Data()) -> APIRequest {
        APIRequest(
            method, path, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: body)
    }

    func create(id: String) -> APIRequest {
        request(.post, "/api/runbooks", body: Data(#"{"id":"\#(id)","title":"Runbook","body":"Steps"}"#.utf8))
    }
}
