import Crypto
import Foundation

/// A set of HMAC keys shared with one peer: the first signs, all verify (key rotation).
public struct SyncKeyring: Sendable {
    /// Keys in order of preference; the first is the current one.
    public var keys: [SymmetricKey] {
        didSet {
            precondition(!keys.isEmpty, "a keyring needs at least one key")
            authenticators = keys.map { HMAC<SHA256>(key: $0) }
        }
    }
    /// One HMAC per key, in ``keys`` order, with its key already absorbed: each message copies
    /// one instead of hashing the key's inner and outer pads again.
    private(set) var authenticators: [HMAC<SHA256>]

    public init(keys: [SymmetricKey]) {
        precondition(!keys.isEmpty, "a keyring needs at least one key")
        self.keys = keys
        authenticators = keys.map { HMAC<SHA256>(key: $0) }
    }

    /// A 256-bit key derived from a secret text (tests and simulated provisioning).
    public static func derivedKey(_ secret: String) -> SymmetricKey {
        SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
    }
}
