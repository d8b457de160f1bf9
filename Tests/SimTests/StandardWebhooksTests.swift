import Crypto
import Foundation
import TestSupport
import Testing
import Verticals

@testable import Sim

/// Sync envelopes any Standard Webhooks library can verify (issue 12, item 5): Unix-seconds
/// timestamps on the tokens' virtual epoch, the topology's `whsec_` secret, and the headers and
/// exact signed body in `--trace-level messages` traces. (The PyPI `standardwebhooks` library
/// verified the library scenarios' envelopes: docs/scenario-format.md.)
@Suite("Standard Webhooks")
struct StandardWebhooksTests {
    static let secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

    static let yaml = """
        name: webhooks
        duration: 20s
        topology:
          use: standard
          sync: {batch: 100, publish_delay: 10ms, retry: {initial: 100ms, max: 10s}, tolerance: 5m, secret: \(secret)}
        script:
          - {at: 1s, user: alice, via: glassbreak.cloud, do: create, runbook: r1}
        """

    /// Each `sync.send` line verifies with HMAC-SHA256 over `id.timestamp.body` under the
    /// secret's bytes, and its timestamp is Unix seconds: the epoch plus the virtual send time.
    @Test func messagesTraceVerifiesWithTheTopologysSecret() throws {
        var scenario = try ScenarioLoader.parse(yaml: Self.yaml, file: "test.yaml")
        scenario.traceMessages = true
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let result = try Simulation(scenario: scenario, directory: folder.url).run()
        #expect(result.pass)
        let key = SymmetricKey(data: Data(base64Encoded: String(Self.secret.dropFirst(6)))!)
        let trace = try String(contentsOf: folder.url.appendingPathComponent("trace.jsonl"), encoding: .utf8)
        var verified = 0
        for line in trace.split(separator: "\n") where line.contains(#""ev":"sync.send""#) {
            let event = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let headers = try #require(event["headers"] as? [String: String])
            let body = try #require(event["body"] as? String)
            let id = try #require(headers["webhook-id"]), stamp = try #require(headers["webhook-timestamp"])
            let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(stamp).\(body)".utf8), using: key)
            #expect(
                headers["webhook-signature"]?.split(separator: " ").contains(
                    "v1,\(Data(mac).base64EncodedString())"[...]) == true)
            let tUs = try #require(event["t_us"] as? Int)
            #expect(Int64(stamp) == 1_767_225_600 + Int64(tUs) / 1_000_000)
            verified += 1
        }
        #expect(verified > 0)
    }

    /// Without `--trace-level messages` the lines stay small.
    @Test func eventsTraceLeavesThemOut() throws {
        let scenario = try ScenarioLoader.parse(yaml: Self.yaml, file: "test.yaml")
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        _ = try Simulation(scenario: scenario, directory: folder.url).run()
        let trace = try String(contentsOf: folder.url.appendingPathComponent("trace.jsonl"), encoding: .utf8)
        #expect(!trace.contains("webhook-signature"))
    }

    @Test(arguments: ["secret: abc", "secret: whsec_AAEC", "secret: whsec_!!!"])
    func aMalformedSecretIsRefused(value: String) {
        let yaml = Self.yaml.replacingOccurrences(of: "secret: \(Self.secret)", with: value)
        #expect {
            try ScenarioLoader.parse(yaml: yaml, file: "test.yaml")
        } throws: { error in
            "\(error)".contains("Standard Webhooks secret")
        }
    }
}
