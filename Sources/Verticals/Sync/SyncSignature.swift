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

/// Standard Webhooks signing: `webhook-signature` is a space-separated list of
/// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per key, so an old and a new key can
/// both sign while a key is rotated. Verification is constant-time.
public enum SyncSignature {
    /// The signature header value for one message, signed with every key of `keyring`.
    public static func sign(id: String, timestampSeconds: Int64, body: Data, keyring: SyncKeyring) -> String {
        let content = signedContent(id: id, timestampSeconds: timestampSeconds, body: body)
        return keyring.keys.map { key in
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: key)).base64EncodedString()
        }.joined(separator: " ")
    }

    /// Whether any `v1` signature in `header` is valid under any key of `keyring`.
    public static func verify(
        id: String, timestampSeconds: Int64, body: Data, header: String,
        keyring: SyncKeyring
    ) -> Bool {
        let content = signedContent(id: id, timestampSeconds: timestampSeconds, body: body)
        var valid = false
        for entry in header.split(separator: " ") {
            guard entry.hasPrefix("v1,"), let mac = Data(base64Encoded: String(entry.dropFirst(3))) else { continue }
            for key in keyring.keys
            where HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: content, using: key) {
                valid = true
            }
        }
        return valid
    }

    static func signedContent(id: String, timestampSeconds: Int64, body: Data) -> Data {
        var content = Data("\(id).\(timestampSeconds).".utf8)
        content.append(body)
        return content
    }
}
