import Crypto
import Foundation

/// A set of HMAC keys shared with one peer: the first signs, all verify (key rotation).
public struct SyncKeyring: Sendable {
    /// Keys in order of preference; the first is the current one.
    public var keys: [SymmetricKey]

    public init(keys: [SymmetricKey]) {
        precondition(!keys.isEmpty, "a keyring needs at least one key")
        self.keys = keys
    }

    /// A 256-bit key derived from a secret text (tests and simulated provisioning).
    public static func derivedKey(_ secret: String) -> SymmetricKey {
        SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
    }
}
