import Crypto
import Foundation

/// Standard Webhooks signing: `webhook-signature` is a space-separated list of
/// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per key, so an old and a new key can
/// both sign while a key is rotated. Verification is constant-time.
public enum SyncSignature {
    /// The signature header value for one message, signed with every key of `keyring`.
    public static func sign(id: String, timestampSeconds: Int64, body: Data, keyring: SyncKeyring) -> String {
        keyring.authenticators.map { keyed in
            "v1,"
                + Data(mac(id: id, timestampSeconds: timestampSeconds, body: body, keyed: keyed)).base64EncodedString()
        }.joined(separator: " ")
    }

    /// Whether any `v1` signature in `header` is valid under any key of `keyring`. Each key's
    /// code is computed once, however many signatures the header lists, and compared with each
    /// in constant time.
    public static func verify(
        id: String, timestampSeconds: Int64, body: Data, header: String,
        keyring: SyncKeyring
    ) -> Bool {
        var codes: [HashedAuthenticationCode<SHA256>] = []
        var valid = false
        for entry in header.split(separator: " ") {
            guard entry.hasPrefix("v1,"), let mac = Data(base64Encoded: String(entry.dropFirst(3))) else { continue }
            if codes.isEmpty {
                codes = keyring.authenticators.map {
                    Self.mac(id: id, timestampSeconds: timestampSeconds, body: body, keyed: $0)
                }
            }
            for code in codes where code == mac { valid = true }
        }
        return valid
    }

    /// HMAC-SHA256 of `id.timestamp.body` (Standard Webhooks' signed content) under the key
    /// `keyed` has absorbed (``SyncKeyring/authenticators``), fed to the MAC in two parts instead
    /// of copying the body behind its prefix.
    static func mac(id: String, timestampSeconds: Int64, body: Data, keyed: HMAC<SHA256>)
        -> HashedAuthenticationCode<SHA256>
    {
        var authenticator = keyed
        var prefix = "\(id).\(timestampSeconds)."
        prefix.withUTF8 { authenticator.update(data: UnsafeRawBufferPointer($0)) }
        authenticator.update(data: body)
        return authenticator.finalize()
    }
}
