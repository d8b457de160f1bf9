import Crypto
import Foundation

/// A vertical's authentication settings. The JWT secret is the one every vertical shares (and
/// never a sync key).
public struct AuthConfig: Sendable {
    public var jwtSecret: SymmetricKey
    public var argon2: Argon2id.Parameters
    public var accessTTLSeconds: Int64
    public var refreshTTLSeconds: Int64
    /// How long a password-checked login waits for its second factor.
    public var mfaTTLSeconds: Int64 = 300
    /// Unix time of virtual time zero: tokens and TOTP see real-looking dates.
    public var epochUnixSeconds: Int64
    /// The rpId passkeys are registered for and the origins accepted for it.
    public var webauthn = WebAuthnPolicy()

    public init(
        jwtSecret: SymmetricKey, argon2: Argon2id.Parameters, accessTTLSeconds: Int64, refreshTTLSeconds: Int64,
        epochUnixSeconds: Int64 = 1_767_225_600
    ) {
        self.jwtSecret = jwtSecret
        self.argon2 = argon2
        self.accessTTLSeconds = accessTTLSeconds
        self.refreshTTLSeconds = refreshTTLSeconds
        self.epochUnixSeconds = epochUnixSeconds
    }

    /// The account id of an email: derived from the normalised address, so one email is one
    /// account on every vertical.
    public static func accountID(email: String) -> String {
        "acct-" + Bucket.hex(SHA256.hash(data: Array(normalize(email).utf8)).prefix(16))
    }

    /// Trimmed and lower-cased.
    public static func normalize(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// How a login completed: the password step, then this second factor.
public enum LoginMethod: String, CaseIterable, Sendable {
    /// Password, then a TOTP code (RFC 6238).
    case totp
    /// Password, then a WebAuthn assertion from the registered passkey.
    case passkey
    /// Password, then a single-use recovery code.
    case recovery
}

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
