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
