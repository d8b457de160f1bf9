/// The body of the auth routes (``APIInput/auth(_:)`` in process; JSON over HTTP, members in
/// snake case: `email`, `mfa_token`, ...). Each route reads the members it needs.
public struct AuthInput: Decodable, Sendable, Equatable {
    public var email: String?
    public var password: String?
    public var newPassword: String?
    /// A P-256 public key (X9.63, base64) to register as a passkey at sign-up.
    public var webauthnKey: String?
    public var mfaToken: String?
    /// A TOTP or recovery code.
    public var code: String?
    /// A WebAuthn assertion's parts, base64url (as `PublicKeyCredential.toJSON()` sends them).
    public var authenticatorData: String?
    public var clientDataJSON: String?
    public var signature: String?
    public var refreshToken: String?

    public init(
        email: String? = nil, password: String? = nil, newPassword: String? = nil, webauthnKey: String? = nil,
        mfaToken: String? = nil, code: String? = nil, authenticatorData: String? = nil,
        clientDataJSON: String? = nil, signature: String? = nil, refreshToken: String? = nil
    ) {
        self.email = email
        self.password = password
        self.newPassword = newPassword
        self.webauthnKey = webauthnKey
        self.mfaToken = mfaToken
        self.code = code
        self.authenticatorData = authenticatorData
        self.clientDataJSON = clientDataJSON
        self.signature = signature
        self.refreshToken = refreshToken
    }

    enum CodingKeys: String, CodingKey {
        case email, password, code, signature
        case newPassword = "new_password"
        case webauthnKey = "webauthn_key"
        case mfaToken = "mfa_token"
        case authenticatorData = "authenticator_data"
        case clientDataJSON = "client_data_json"
        case refreshToken = "refresh_token"
    }

    /// The present members as `(JSON name, value)`, sorted by name (the order a client writing
    /// with sorted keys uses).
    var members: [(name: StaticString, value: String)] {
        let all: [(StaticString, String?)] = [
            ("authenticator_data", authenticatorData), ("client_data_json", clientDataJSON), ("code", code),
            ("email", email), ("mfa_token", mfaToken), ("new_password", newPassword), ("password", password),
            ("refresh_token", refreshToken), ("signature", signature), ("webauthn_key", webauthnKey),
        ]
        return all.compactMap { name, value in value.map { (name, $0) } }
    }
}
