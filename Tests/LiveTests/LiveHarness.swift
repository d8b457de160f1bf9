import AsyncHTTPClient
import Foundation
import NIOCore
import Sim

@testable import Live

/// Starts a live topology on free loopback ports in a fresh data folder, and gives tests an HTTP
/// client and bounded polling.
struct LiveHarness {
    let cluster: LiveCluster
    let client: HTTPClient
    let folder: URL

    /// A fresh folder under the temporary directory (the data folder is `folder/data`).
    static func freshFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The standard topology with a cheap Argon2id and patient health checks (a probe a minute,
    /// 30 s to answer): on a busy CI machine a slow answer must not take a vertical out of
    /// rotation, or the edge would have no healthy peer to fail over to.
    static let testScenario = """
        name: live-test
        duration: 1m
        topology:
          use: standard
          auth: {argon2: {memory: 64KiB, iterations: 1, parallelism: 1}}
          edge: {name: fastly, health_check: {interval: 1m, timeout: 30s, window: 5, threshold: 3, initial: 4}}
        """

    /// Starts `yaml` (default ``testScenario``) on the first base port whose P, P+1..P+n and
    /// P+100 are free, trying a few.
    static func start(yaml: String = testScenario, folder: URL? = nil) async throws -> LiveHarness {
        let folder = try folder ?? freshFolder()
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "live-test.yaml")
        let data = try ServeDataFolder.prepare(
            path: folder.appendingPathComponent("data").path, freshSeed: UInt64.random(in: 0...RunMarker.maxSeed))
        var lastError: (any Error)?
        for _ in 0..<8 {
            let base = Int.random(in: 20_000...40_000)
            let ports = [base, base + 100] + (1...scenario.topology.verticals.count).map { base + $0 }
            guard ports.allSatisfy(portIsFree) else { continue }
            do {
                let cluster = try await LiveCluster.start(ServeOptions(scenario: scenario, basePort: base, data: data))
                // The shared client needs no shutdown: a test that fails half-way cannot leave a
                // client behind whose deinit would stop the whole test process.
                return LiveHarness(cluster: cluster, client: HTTPClient.shared, folder: folder)
            } catch let error as LiveServerError {
                lastError = error  // a port was taken between the check and the bind: try another
            }
        }
        throw lastError ?? LiveServerError(description: "no free ports found")
    }

    /// Whether nothing listens on 127.0.0.1:`port` (a bind succeeds).
    static func portIsFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// One HTTP exchange: status, headers, body text.
    struct Answer {
        var status: Int
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name }?.1 }
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
    }

    /// One request, answered within `timeoutSeconds` (generous: CI machines are busy).
    func call(
        _ method: String, _ url: String, json body: String? = nil, headers: [(String, String)] = [],
        timeoutSeconds: Int64 = 60
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Answer(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: String(buffer: bytes))
    }

    /// Polls `condition` every 20 ms until it holds or `timeoutSeconds` pass; returns whether it held.
    static func eventually(timeoutSeconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    /// Stops the topology.
    func stop() async throws -> LiveSummary {
        await cluster.stop()
    }
}
