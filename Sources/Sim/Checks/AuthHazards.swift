/// Judges the authentication hazards from what clients saw, independently of how the verticals
/// implement them: a single-use credential accepted twice, one email acknowledged as a new
/// account twice, a revoked token or an old password accepted after the change was
/// acknowledged, a WebAuthn sign counter accepted without growing. Fed by
/// ``WorldEvent/auth(_:)`` and by the tokens of finished requests; each hazard kind's count, when
/// it grows, goes to ``onHazard`` (the run writes it to the trace).
final class AuthHazards: WorldEventSink {
    private(set) var singleUse = ViolationLog()
    private(set) var duplicateAccounts = ViolationLog()
    private(set) var staleAuth = ViolationLog()
    private(set) var staleCounter = ViolationLog()
    private var acceptedCredentials: [String: String] = [:]
    private var signups: [String: String] = [:]
    private var revoked: [String: (user: String, atUs: Int64, why: String)] = [:]
    private var oldPasswords: [String: (password: String, atUs: Int64)] = [:]
    private var maxCounter: [String: UInt32] = [:]
    /// Hazards already handed to ``onHazard``, per kind, and in all.
    private var reported = [0, 0, 0, 0]
    private var reportedTotal = 0
    /// Called when a kind's count grows: the kind's check name and its log.
    var onHazard: (String, ViolationLog) -> Void = { _, _ in }

    /// The hazard logs with their check names, in a fixed order.
    var logs: [(check: String, log: ViolationLog)] {
        [
            ("single_use_violations", singleUse), ("duplicate_accounts", duplicateAccounts),
            ("stale_auth_accepts", staleAuth), ("stale_counter_accepts", staleCounter),
        ]
    }

    func receive(_ event: WorldEvent, atUs: Int64) {
        switch event {
        case .auth(let observation): observe(observation, atUs: atUs)
        case .requestFinished(let finished):
            let answer = finished.answer
            guard answer.outcome == .ok, let vertical = answer.vertical, let status = answer.status,
                let token = finished.call.token, status != 401
            else { return }
            tokenAccepted(token, vertical: vertical, issuedUs: finished.issuedUs, operation: finished.call.operation)
        default: return
        }
        // Counts only grow: a kind grew exactly when the total did (no list of logs per request).
        let total = singleUse.count + duplicateAccounts.count + staleAuth.count + staleCounter.count
        guard total > reportedTotal else { return }
        reportedTotal = total
        for (index, (check, log)) in logs.enumerated() where log.count > reported[index] {
            reported[index] = log.count
            onHazard(check, log)
        }
    }

    private func observe(_ observation: WorldEvent.AuthObservation, atUs: Int64) {
        switch observation {
        case .credentialAccepted(let user, let credential, let vertical):
            credentialAccepted(user: user, credential: credential, vertical: vertical, atUs: atUs)
        case .signupAcknowledged(let email, let vertical):
            signupAcknowledged(email: email, vertical: vertical, atUs: atUs)
        case .tokenRevoked(let token, let user, let why):
            tokenRevoked(token, user: user, atUs: atUs, why: why)
        case .tokenAccepted(let token, let vertical, let issuedUs, let operation):
            tokenAccepted(token, vertical: vertical, issuedUs: issuedUs, operation: operation)
        case .passwordChanged(let user, let old):
            passwordChanged(user: user, old: old, atUs: atUs)
        case .passwordAccepted(let user, let password, let vertical, let issuedUs):
            passwordAccepted(user: user, password: password, vertical: vertical, issuedUs: issuedUs)
        case .assertionAccepted(let user, let counter, let vertical):
            assertionAccepted(user: user, counter: counter, vertical: vertical, atUs: atUs)
        }
    }

    /// A single-use credential (`totp:STEP`, `recovery:N`) of `user` was accepted by `vertical`.
    func credentialAccepted(user: String, credential: String, vertical: String, atUs: Int64) {
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
    func signupAcknowledged(email: String, vertical: String, atUs: Int64) {
        if let first = signups[email] {
            duplicateAccounts.record(
                "at \(VirtualTime.format(atUs)): \(vertical) acknowledged a new account for \(email), already acknowledged by \(first)"
            )
        } else {
            signups[email] = vertical
        }
    }

    /// `token` of `user` stopped being valid at `atUs` (logout, rotation, password change).
    func tokenRevoked(_ token: String, user: String, atUs: Int64, why: String) {
        if revoked[token] == nil { revoked[token] = (user, atUs, why) }
    }

    /// A request issued at `issuedUs` with `token` was accepted by `vertical`.
    func tokenAccepted(_ token: String, vertical: String, issuedUs: Int64, operation: String) {
        guard let revocation = revoked[token], issuedUs > revocation.atUs else { return }
        staleAuth.record(
            "at \(VirtualTime.format(issuedUs)): \(vertical) accepted \(revocation.user)'s token for \(operation), revoked by \(revocation.why) at \(VirtualTime.format(revocation.atUs))"
        )
    }

    /// `user` changed its password at `atUs`; `old` must no longer work.
    func passwordChanged(user: String, old: String, atUs: Int64) {
        oldPasswords[user] = (old, atUs)
    }

    /// A password step with `password` issued at `issuedUs` was accepted by `vertical`.
    func passwordAccepted(user: String, password: String, vertical: String, issuedUs: Int64) {
        guard let old = oldPasswords[user], old.password == password, issuedUs > old.atUs else { return }
        staleAuth.record(
            "at \(VirtualTime.format(issuedUs)): \(vertical) accepted \(user)'s old password, changed at \(VirtualTime.format(old.atUs))"
        )
    }

    /// A WebAuthn assertion of `user` with `counter` was accepted by `vertical`.
    func assertionAccepted(user: String, counter: UInt32, vertical: String, atUs: Int64) {
        if let max = maxCounter[user], counter <= max {
            staleCounter.record(
                "at \(VirtualTime.format(atUs)): \(vertical) accepted \(user)'s assertion with sign counter \(counter), not above \(max) accepted before"
            )
        }
        maxCounter[user] = Swift.max(maxCounter[user] ?? 0, counter)
    }
}
