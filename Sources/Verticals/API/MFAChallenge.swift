/// The password step's answer (`POST /api/auth/login`): the MFA token for the second step and,
/// for an account with a passkey, the WebAuthn request options.
public struct MFAChallenge: Encodable, Sendable, Equatable {
    /// The WebAuthn request options: the challenge (base64url) and the passkey's rpId.
    public struct PasskeyOptions: Encodable, Sendable, Equatable {
        public var challenge: String
        public var rpID: String

        enum CodingKeys: String, CodingKey {
            case challenge
            case rpID = "rp_id"
        }
    }

    public var mfaToken: String
    public var webauthn: PasskeyOptions?

    enum CodingKeys: String, CodingKey {
        case mfaToken = "mfa_token"
        case webauthn
    }
}
