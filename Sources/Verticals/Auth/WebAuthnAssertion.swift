import Crypto
import Foundation

/// WebAuthn-style second factor: the authenticator holds a P-256 key registered at sign-up and
/// signs `challenge || sign counter (4 bytes, big endian)`; the server checks the signature with
/// the registered public key and requires the counter to exceed the last one it accepted (a lower
/// or equal counter betrays a cloned authenticator).
public enum WebAuthnAssertion {
    /// The bytes the authenticator signs.
    public static func message(challenge: String, signCount: UInt32) -> Data {
        var data = Data(challenge.utf8)
        withUnsafeBytes(of: signCount.bigEndian) { data.append(contentsOf: $0) }
        return data
    }

    /// A signature by `key` (raw r||s, 64 bytes, base64).
    public static func sign(challenge: String, signCount: UInt32, key: P256.Signing.PrivateKey) throws -> String {
        try key.signature(for: message(challenge: challenge, signCount: signCount)).rawRepresentation
            .base64EncodedString()
    }

    /// Whether `signature` is valid for the registered `publicKey` (x9.63, base64).
    public static func verify(signature: String, challenge: String, signCount: UInt32, publicKey: String) -> Bool {
        guard let keyData = Data(base64Encoded: publicKey),
            let key = try? P256.Signing.PublicKey(x963Representation: keyData),
            let signatureData = Data(base64Encoded: signature),
            let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signatureData)
        else { return false }
        return key.isValidSignature(ecdsa, for: message(challenge: challenge, signCount: signCount))
    }
}
