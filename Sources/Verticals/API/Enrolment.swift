/// A new account's answer (`POST /api/auth/signup`): its second factors and its first token pair.
public struct Enrolment: Encodable, Sendable, Equatable {
    public var accountID: String
    /// The TOTP secret, hex.
    public var totpSecret: String
    public var recoveryCodes: [String]
    /// The rpId the passkey was registered for; nil without a passkey.
    public var webauthnRPID: String?
    public var tokens: TokenPair

    enum CodingKeys: String, CodingKey {
        case accountID = "account_id"
        case totpSecret = "totp_secret"
        case recoveryCodes = "recovery_codes"
        case webauthnRPID = "webauthn_rp_id"
        case tokens
    }
}
