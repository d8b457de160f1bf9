/// Judges the authentication hazards from what clients saw, independently of how the verticals
/// implement them: a single-use credential accepted twice, one email acknowledged as a new
/// account twice, a revoked token or an old password accepted after the change was
/// acknowledged, a WebAuthn sign counter accepted without growing.
struct AuthHazards {
    private(set) var singleUse = ViolationLog()
    private(set) var duplicateAccounts = ViolationLog()
    private(set) var staleAuth = ViolationLog()
    private(set) var staleCounter = ViolationLog()
    private var acceptedCredentials: [String: String] = [:]
    private var signups: [String: String] = [:]
    private var revoked: [String: (user: String, atUs: Int64, why: String)] = [:]
    private var oldPasswords: [String: (password: String, atUs: Int64)] = [:]
    private var maxCounter: [String: UInt32] = [:]

    /// A single-use credential (`totp:STEP`, `recovery:N`) of `user` was accepted by `vertical`.
    mutating func credentialAccepted(user: String, credential: String, vertical: String, atUs: Int64) {
        let key = "\(user)|\(credential)"
        if let first = acceptedCredentials[key] {
            singleUse.record(
                "at \(VirtualTime.format(atUs)): \(user)'s \(credential) accepted by \(vertical) after \(first) had accepted it"
            )
        } else {
            acceptedCredentials[key] = vertical
        }
    }

    /// A sign-up of `email` was acknowledged by `vertical`.
    mutating func signupAcknowledged(email: String, vertical: String, atUs: Int64) {
        if let first = signups[email] {
            duplicateAccounts.record(
                "at \(VirtualTime.format(atUs)): \(vertical) acknowledged a new account for \(email), already acknowledged by \(first)"
            )
        } else {
            signups[email] = vertical
        }
    }

    /// `token` of `user` stopped being valid at `atUs` (logout, rotation, password change).
    mutating func tokenRevoked(_ token: String, user: String, atUs: Int64, why: String) {
        if revoked[token] == nil { revoked[token] = (user, atUs, why) }
    }

    /// A request issued at `issuedUs` with `token` was accepted by `vertical`.
    mutating func tokenAccepted(_ token: String, vertical: String, issuedUs: Int64, operation: String) {
        guard let revocation = revoked[token], issuedUs > revocation.atUs else { return }
        staleAuth.record(
            "at \(VirtualTime.format(issuedUs)): \(vertical) accepted \(revocation.user)'s token for \(operation), revoked by \(revocation.why) at \(VirtualTime.format(revocation.atUs))"
        )
    }

    /// `user` changed its password at `atUs`; `old` must no longer work.
    mutating func passwordChanged(user: String, old: String, atUs: Int64) {
        oldPasswords[user] = (old, atUs)
    }

    /// A password step with `password` issued at `issuedUs` was accepted by `vertical`.
    mutating func passwordAccepted(user: String, password: String, vertical: String, issuedUs: Int64) {
        guard let old = oldPasswords[user], old.password == password, issuedUs > old.atUs else { return }
        staleAuth.record(
            "at \(VirtualTime.format(issuedUs)): \(vertical) accepted \(user)'s old password, changed at \(VirtualTime.format(old.atUs))"
        )
    }

    /// A WebAuthn assertion of `user` with `counter` was accepted by `vertical`.
    mutating func assertionAccepted(user: String, counter: UInt32, vertical: String, atUs: Int64) {
        if let max = maxCounter[user], counter <= max {
            staleCounter.record(
                "at \(VirtualTime.format(atUs)): \(vertical) accepted \(user)'s assertion with sign counter \(counter), not above \(max) accepted before"
            )
        }
        maxCounter[user] = Swift.max(maxCounter[user] ?? 0, counter)
    }
}
