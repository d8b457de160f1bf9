import Crypto
import Foundation

/// The client half of a WebAuthn ES256 assertion, as a browser and an authenticator build it
/// (WebAuthn Level 3 §6.1, §5.8.1): `authenticatorData` (SHA-256 of the credential's rpId, the
/// flags, the sign counter), `clientDataJSON` (type `webauthn.get`, the challenge in base64url,
/// the origin of the page) and the DER signature over `authenticatorData ‖
/// SHA-256(clientDataJSON)`. Simulated users and tests build their assertions with it; a relying
/// party checks them with ``WebAuthnVerifier``.
///
/// ECDSA signing in swift-crypto draws a fresh nonce, so two signatures of the same bytes differ;
/// nothing in the simulation's trace or result depends on the signature's bytes, only on whether
/// it verifies.
public struct WebAuthnAuthenticator: Sendable {
    /// The three byte strings of an assertion (base64url on the wire, as `PublicKeyCredential.toJSON()` sends them).
    public struct Assertion: Sendable, Equatable {
        public var authenticatorData: Data
        public var clientDataJSON: Data
        public var signature: Data
    }

    /// The credential's private key (its public key is registered at sign-up).
    public let privateKey: P256.Signing.PrivateKey

    public init(privateKey: P256.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The registered public key as the sign-up route takes it: X9.63, base64.
    public var publicKeyBase64: String { privateKey.publicKey.x963Representation.base64EncodedString() }

    /// `authenticatorData` without attested credential data or extensions: rpIdHash (32 bytes),
    /// flags (1), signCount (4, big endian).
    public static func authenticatorData(rpID: String, flags: UInt8, signCount: UInt32) -> Data {
        var data = Data(SHA256.hash(data: Array(rpID.utf8)))
        data.append(flags)
        withUnsafeBytes(of: signCount.bigEndian) { data.append(contentsOf: $0) }
        return data
    }

    /// `clientDataJSON` with its members in the order browsers write them.
    public static func clientDataJSON(type: String = "webauthn.get", challenge: Data, origin: String) -> Data {
        let value = JSONValue.object([
            ("type", .string(type)), ("challenge", .string(WebAuthnVerifier.base64URL(challenge))),
            ("origin", .string(origin)), ("crossOrigin", .bool(false)),
        ])
        return Data(value.serialized().utf8)
    }

    /// An assertion of this credential for `rpID`, asked for by a page of `origin`.
    public func assert(
        rpID: String, challenge: Data, origin: String, signCount: UInt32,
        flags: UInt8 = WebAuthnVerifier.userPresent | WebAuthnVerifier.userVerified
    ) throws -> Assertion {
        let authenticatorData = Self.authenticatorData(rpID: rpID, flags: flags, signCount: signCount)
        let clientDataJSON = Self.clientDataJSON(challenge: challenge, origin: origin)
        var signed = authenticatorData
        signed.append(contentsOf: SHA256.hash(data: clientDataJSON))
        let signature = try privateKey.signature(for: signed).derRepresentation
        return Assertion(authenticatorData: authenticatorData, clientDataJSON: clientDataJSON, signature: signature)
    }
}
