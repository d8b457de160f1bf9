import Crypto
import Foundation

/// A relying party's check of a WebAuthn ES256 assertion (WebAuthn Level 3, §7.2): the
/// `clientDataJSON` (type `webauthn.get`, the challenge issued, an allowed origin), the
/// `authenticatorData` (rpIdHash of the expected rpId, the UP and, when required, UV flags, the
/// sign counter) and the signature over `authenticatorData ‖ SHA-256(clientDataJSON)` with the
/// registered P-256 key (DER, as authenticators send it). The login route's passkey step; a
/// client builds its assertions with ``WebAuthnAuthenticator``.
public enum WebAuthnVerifier {
    /// Why an assertion was refused.
    public enum Failure: String, Error, Sendable, CaseIterable {
        case malformed
        /// `clientDataJSON.type` is not `webauthn.get`.
        case type
        case challenge
        /// The origin is not one the relying party accepts for this rpId.
        case origin
        /// The rpIdHash is not SHA-256 of the expected rpId (a passkey of another site).
        case rpID = "rp-id"
        case userPresence = "user-presence"
        case userVerification = "user-verification"
        case signature
        /// The sign counter did not grow: a cloned authenticator.
        case counter
    }

    /// The fields of `clientDataJSON` a relying party checks.
    struct ClientData: Decodable {
        var type: String
        var challenge: String
        var origin: String
    }

    /// Flag bits of `authenticatorData`.
    public static let userPresent: UInt8 = 0x01
    public static let userVerified: UInt8 = 0x04

    /// base64url without padding (RFC 4648 §5), as WebAuthn encodes the challenge.
    public static func base64URL(_ bytes: Data) -> String {
        bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Bytes from base64url with or without padding; nil if malformed.
    public static func base64URLDecoded(_ text: String) -> Data? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard = standard.replacingOccurrences(of: "=", with: "")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard)
    }

    /// Verifies an assertion; returns its sign counter.
    public static func verify(
        authenticatorData: Data, clientDataJSON: Data, signatureDER: Data, publicKey: P256.Signing.PublicKey,
        challenge: Data, rpID: String, allowedOrigins: [String], requireUserVerification: Bool,
        storedSignCount: UInt32
    ) -> Result<UInt32, Failure> {
        guard let client = try? JSONDecoder().decode(ClientData.self, from: clientDataJSON),  // try?-ok: refused
            authenticatorData.count >= 37
        else { return .failure(.malformed) }
        guard client.type == "webauthn.get" else { return .failure(.type) }
        guard client.challenge == base64URL(challenge) else { return .failure(.challenge) }
        guard allowedOrigins.contains(client.origin) else { return .failure(.origin) }
        let bytes = Array(authenticatorData)
        guard bytes[0..<32].elementsEqual(SHA256.hash(data: Array(rpID.utf8))) else { return .failure(.rpID) }
        let flags = bytes[32]
        guard flags & userPresent != 0 else { return .failure(.userPresence) }
        guard !requireUserVerification || flags & userVerified != 0 else { return .failure(.userVerification) }
        let count = bytes[33..<37].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        // try?-ok: a malformed signature is refused (.malformed)
        guard let signature = try? P256.Signing.ECDSASignature(derRepresentation: signatureDER) else {
            return .failure(.malformed)
        }
        var signed = authenticatorData
        signed.append(contentsOf: SHA256.hash(data: clientDataJSON))
        guard publicKey.isValidSignature(signature, for: signed) else { return .failure(.signature) }
        // §7.2 step 22: a counter that does not grow betrays a clone, unless both are 0 (no counter).
        guard count > storedSignCount || (count == 0 && storedSignCount == 0) else { return .failure(.counter) }
        return .success(count)
    }
}
