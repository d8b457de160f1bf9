/// One exact step of a scenario's `script`.
public struct ScriptStep: Sendable {
    public var atUs: Int64
    public var user: String
    public var via: String
    public var pin: String?
    public var action: ScriptAction
    public var runbook: String?
    public var name: String?
    public var code: Int?
    public var expectStatus: Int?
    /// What a `status` step expects the status endpoint to report.
    public var claims = StatusClaims()
    /// Use the user's previous credential: the old password (`login`), the last revoked token
    /// (`refresh` and runbook steps), a cloned authenticator (`login-webauthn`). An extension for
    /// showing the stale-credential hazards.
    public var stale: Bool = false
    public var location: SourceLocation
}

/// The actions a script step may take (`do:`).
public enum ScriptAction: String, CaseIterable, Sendable {
    case signup, login
    case loginWebauthn = "login-webauthn"
    case loginRecovery = "login-recovery"
    case refresh, logout, create, read, update, delete, list, upload, download
    /// An extension: change the password (earlier tokens and the old password must stop working).
    case changePassword = "change-password"
    /// `GET /api/public/status`, checked against `expect_status` and the step's expected vertical,
    /// platform and environment.
    case status
}

/// What a `status` step expects the status endpoint to report; nil fields are not checked.
public struct StatusClaims: Sendable, Equatable {
    public var vertical: String?
    public var platform: String?
    public var environment: String?

    public init(vertical: String? = nil, platform: String? = nil, environment: String? = nil) {
        self.vertical = vertical
        self.platform = platform
        self.environment = environment
    }
}
