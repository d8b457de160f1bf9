import Crypto
import Foundation

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
