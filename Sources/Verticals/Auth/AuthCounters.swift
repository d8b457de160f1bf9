import Crypto
import Foundation

/// Counters of authentication decisions on one vertical.
public struct AuthCounters: Sendable, Equatable {
    public var signups = 0
    /// Completed logins (password and second factor), by second factor. A refresh is not a login.
    public var logins: [LoginMethod: Int] = [:]
    /// Refresh tokens exchanged for a new pair.
    public var refreshes = 0
    public var refused = 0
    public var tokenRejections: [TokenRejection: Int] = [:]
    /// Passkey assertions refused, by the relying-party check that refused them.
    public var passkeyRefusals: [WebAuthnVerifier.Failure: Int] = [:]
    /// Passkey assertions refused for their origin, by the host of the surface they came in on
    /// (a passkey of another rpId that the policy does not relate to this origin); at most
    /// ``maxCountedHosts`` hosts, the rest under ``otherHosts``.
    public private(set) var passkeyWrongOrigin: [String: Int] = [:]
    /// Most hosts counted by name (a request names its host; a live server must not grow without bound).
    public static let maxCountedHosts = 64
    /// The key counting the hosts past ``maxCountedHosts``.
    public static let otherHosts = "(other hosts)"

    public func rejections(_ reason: TokenRejection) -> Int { tokenRejections[reason] ?? 0 }
    /// Counts a passkey assertion refused for its origin on `host`.
    public mutating func countWrongOrigin(host: String) {
        let key =
            passkeyWrongOrigin[host] != nil || passkeyWrongOrigin.count < Self.maxCountedHosts - 1
            ? host : Self.otherHosts
        passkeyWrongOrigin[key, default: 0] += 1
    }

    /// Passkey assertions refused for `reason`.
    public func passkeyRefusals(_ reason: WebAuthnVerifier.Failure) -> Int { passkeyRefusals[reason] ?? 0 }
    /// Completed logins by `method`.
    public func logins(_ method: LoginMethod) -> Int { logins[method] ?? 0 }
}
