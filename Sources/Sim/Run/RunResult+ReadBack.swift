import Foundation
import Verticals

extension RunResult {
    /// The fields of `result.json` that JUnit reports need (scenario, seed, verdict, volume,
    /// checks, faults), read back after a child process ran the scenario (`simctl run --jobs`).
    /// `metrics` is not read back (it stays `.null`): the parent prints the child's own output
    /// and never re-serialises a read-back result.
    public init(resultFile url: URL) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file = try decoder.decode(StoredResult.self, from: Data(contentsOf: url))
        self.init(
            scenario: file.scenario, seed: file.seed, pass: file.pass, virtualMs: file.virtualMs,
            wallMs: file.wallMs ?? 0, requests: file.requests, events: file.events,
            checks: file.checks.map {
                CheckResult(
                    name: $0.name, expected: $0.expected, observed: $0.observed, pass: $0.pass, detail: $0.detail)
            },
            metrics: .null,
            faults: file.faults.map {
                FaultReport(
                    kind: $0.kind, target: $0.target, atMs: $0.atMs, forMs: $0.forMs,
                    affectedRequests: $0.affectedRequests, affectedProbes: $0.affectedProbes,
                    affectedEnvelopes: $0.affectedEnvelopes, affectedAcks: $0.affectedAcks)
            },
            traceSHA256: file.traceSha256)
    }
}

/// `result.json` as written by ``RunResult/json(includeWallClock:)`` (the fields read back;
/// keys in snake case).
private struct StoredResult: Decodable {
    struct Check: Decodable {
        var name: String
        var expected: String
        var observed: String
        var pass: Bool
        var detail: String?
    }

    struct Fault: Decodable {
        var kind: String
        var target: String
        var atMs: Int64
        var forMs: Int64
        var affectedRequests: Int
        var affectedProbes: Int
        var affectedEnvelopes: Int
        var affectedAcks: Int
    }

    var scenario: String
    var seed: UInt64
    var pass: Bool
    var virtualMs: Int64
    var wallMs: Int64?
    var requests: Int
    var events: Int
    var checks: [Check]
    var faults: [Fault]
    var traceSha256: String
}
