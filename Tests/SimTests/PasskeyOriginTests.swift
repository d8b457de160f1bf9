import Foundation
import Testing

@testable import Sim
@testable import Verticals

/// The passkey rpId hazard of a site on several domains and its fix (WebAuthn related origins):
/// the topology option, its validation, the per-surface metric and the check that reads it.
@Suite("Passkey origins")
struct PasskeyOriginTests {
    static func scenario(webauthn: String?, expect: String) -> String {
        """
        name: passkeys
        seed: 3
        duration: 4m
        topology:
          use: standard
          auth:
            argon2: {memory: 64KiB, iterations: 1}
            refresh_ttl: 1m
        \(webauthn.map { "    webauthn: \($0)\n" } ?? "")workload:
          users: 30
          rate: 10/s
          surfaces: {glassbreak.io: 0.4, glassbreak.cloud: 0.3, glass-break.com: 0.3}
        expect:
          passkey_wrong_origin: \(expect)
        """
    }

    static let related = "{rp_id: glassbreak.io, related_origins: [https://glassbreak.cloud, https://glass-break.com]}"

    static func wrongOrigin(_ result: RunResult) -> [String: Int] {
        WorkloadLoginTests.authCounts(result, "passkey_wrong_origin")
    }

    @Test func withoutRelatedOriginsPasskeysAreRefusedOnTheOtherDomains() throws {
        let result = try simulate(
            Self.scenario(webauthn: nil, expect: "{glassbreak.cloud: \">= 1\", glass-break.com: \">= 1\"}"))
        let counts = Self.wrongOrigin(result)
        #expect(counts.keys.sorted() == ["glass-break.com", "glassbreak.cloud", "glassbreak.io"])
        #expect((counts["glassbreak.cloud"] ?? 0) >= 1 && (counts["glass-break.com"] ?? 0) >= 1, "\(counts)")
        #expect(result.pass, "\(result.failedChecks)")
        let logins = WorkloadLoginTests.logins(result)
        #expect((logins["totp"] ?? 0) > 0, "refused users fall back to TOTP")
    }

    @Test func relatedOriginsRemoveTheHazard() throws {
        let result = try simulate(Self.scenario(webauthn: Self.related, expect: "0"))
        #expect(Self.wrongOrigin(result).values.allSatisfy { $0 == 0 }, "\(Self.wrongOrigin(result))")
        #expect(result.pass, "\(result.failedChecks)")
        #expect((WorkloadLoginTests.logins(result)["passkey"] ?? 0) > 0)
    }

    /// The check can fail: the hazard run judged against 0, and the fixed run against `>= 1`.
    @Test func theCheckFailsWhenTheHazardIsOrIsNotThere() throws {
        let hazard = try simulate(Self.scenario(webauthn: nil, expect: "0"))
        let failed = try #require(hazard.check("passkey_wrong_origin"))
        #expect(!failed.pass)
        #expect(failed.detail?.contains("glassbreak.cloud") == true, "\(failed)")
        let fixed = try simulate(Self.scenario(webauthn: Self.related, expect: "{glassbreak.cloud: \">= 1\"}"))
        let missing = try #require(fixed.check("passkey_wrong_origin.glassbreak.cloud"))
        #expect(!missing.pass)
        #expect(missing.observed == "0")
    }

    @Test func theOptionReachesTheVerticals() throws {
        let scenario = try ScenarioLoader.parse(
            yaml: Self.scenario(webauthn: Self.related, expect: "0"), file: "t.yaml")
        #expect(
            scenario.topology.auth.webauthn
                == WebAuthnPolicy(
                    rpID: "glassbreak.io", relatedOrigins: ["https://glassbreak.cloud", "https://glass-break.com"]))
        #expect(
            try ScenarioLoader.parse(yaml: Self.scenario(webauthn: nil, expect: "0"), file: "t.yaml")
                .topology.auth.webauthn == WebAuthnPolicy())
    }

    /// Each malformed `auth.webauthn` (line 7 of ``scenario(webauthn:expect:)``) points at its text.
    @Test(arguments: [
        ("{rp_id: glassbreak.net}", 23, "rp_id \"glassbreak.net\" is not a domain of the topology"),
        ("{rp_id: Glassbreak.io}", 23, "expected a domain name"),
        ("{related_origins: [https://glassbreak.cloud]}", 15, "missing required key \"rp_id\""),
        ("{rp_id: glassbreak.io, related_origins: [http://glassbreak.cloud]}", 56, "expected an origin like"),
        ("{rp_id: glassbreak.io, related_origins: [https://glassbreak.cloud:8443]}", 56, "expected an origin like"),
        ("{rp_id: glassbreak.io, related_origins: [https://glassbreak.cloud/login]}", 56, "expected an origin like"),
        (
            "{rp_id: glassbreak.io, related_origins: [https://glassbreak.cloud, https://glassbreak.cloud]}", 82,
            "duplicate related origin"
        ),
        ("{rp_id: glassbreak.io, related_origins: [https://glassbreak.io]}", 56, "is the rpId's own origin"),
        (
            "{rp_id: glassbreak.io, related_origins: [\((1...17).map { "https://d\($0).example" }.joined(separator: ", "))]}",
            55, "17 related origins (expected 0 to 16)"
        ),
        ("{rp_id: glassbreak.io, origins: []}", 38, "unknown key \"origins\""),
    ])
    func malformedWebAuthnOptionPointsAtTheProblem(option: String, column: Int, message: String) {
        do {
            _ = try ScenarioLoader.parse(yaml: Self.scenario(webauthn: option, expect: "0"), file: "bad.yaml")
            Issue.record("expected an error containing \(message)")
        } catch {
            #expect(error.location.line == 9, "\(error)")
            #expect(error.location.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("bad.yaml:9:\(column): "))
        }
    }

    @Test func anExpectationNamesOnlyDomainsOfTheTopology() {
        do {
            _ = try ScenarioLoader.parse(
                yaml: Self.scenario(webauthn: nil, expect: "{glassbreak.net: 0}"), file: "bad.yaml")
            Issue.record("expected an unknown surface")
        } catch {
            #expect(error.message.contains("unknown surface \"glassbreak.net\""), "\(error)")
            #expect(error.location.line == 14)
        }
    }
}
