import Foundation
import Testing

@testable import Sim
@testable import Verticals

/// The workload's sessions end (logout, a new device, an expired refresh token) and users log in
/// again with their password and a second factor: the result counts real logins by method.
@Suite("Workload logins")
struct WorkloadLoginTests {
    static func logins(_ result: RunResult) -> [String: Int] { authCounts(result, "logins") }

    /// The counts under `metrics.auth.KEY` (`logins`, `passkey_wrong_origin`, ...).
    static func authCounts(_ result: RunResult, _ key: String) -> [String: Int] {
        guard case .object(let auth)? = result.metric("auth"),
            case .object(let counts)? = auth.first(where: { $0.0 == key })?.1
        else { return [:] }
        var out: [String: Int] = [:]
        for (name, value) in counts { if case .int(let count) = value { out[name] = Int(count) } }
        return out
    }

    @Test func sessionsEndAndUsersLogInWithEachFactor() throws {
        let result = try simulate(
            """
            name: logins
            duration: 10m
            topology: {use: standard, auth: {refresh_ttl: 3m}}
            workload: {users: 40, rate: 10/s}
            expect: {lost_writes: 0}
            """)
        let logins = Self.logins(result)
        #expect(logins.keys.sorted() == LoginMethod.allCases.map(\.rawValue).sorted())
        // Refresh tokens live 3 minutes: every user logs in again at least twice in 10 minutes.
        #expect((logins["totp"] ?? 0) + (logins["passkey"] ?? 0) + (logins["recovery"] ?? 0) >= 80, "\(logins)")
        #expect((logins["totp"] ?? 0) > 10 && (logins["passkey"] ?? 0) > 10, "\(logins)")
    }

    @Test func aRunWithoutSessionEndsHasNoLogins() throws {
        let result = try simulate(
            """
            name: signups-only
            duration: 5s
            workload: {users: 40, rate: 5/s}
            expect: {lost_writes: 0}
            """)
        #expect(Self.logins(result).values.reduce(0, +) == 0)
    }
}
