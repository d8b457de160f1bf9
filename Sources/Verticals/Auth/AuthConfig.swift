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
