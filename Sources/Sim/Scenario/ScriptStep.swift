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
