import Foundation
import HTTPTypes
import Verticals

/// The authentication conversations of simulated users: sign-up, login with each second factor,
/// refresh, logout and password change, each made of real API calls through ``ClientFabric``,
/// with what the answers mean emitted as ``WorldEvent/auth(_:)`` (``AuthHazards`` judges them).
final class AuthFlows {
    let clients: ClientFabric
    let events: WorldEventStream
    let queue: EventQueue
    let epochUnixSeconds: Int64

    init(clients: ClientFabric, events: WorldEventStream, queue: EventQueue, epochUnixSeconds: Int64) {
        self.clients = clients
        self.events = events
        self.queue = queue
        self.epochUnixSeconds = epochUnixSeconds
    }

    /// A second factor.
    enum Factor {
        case totp
        case recovery(index: Int)
        /// `clone`: a cloned authenticator that reuses the last counter.
        case webauthn(clone: Bool)
    }

    private func call(
        _ user: UserModel, _ surface: String, _ path: String, _ input: AuthInput, operation: String,
        token: String? = nil
    ) -> ClientCall {
        var call = ClientCall(
            user: user.name, surface: surface,
            request: APIRequest(
                .post, path, authority: surface,
                contentType: "application/json", input: .auth(input)),
            purpose: .other, operation: operation)
        call.token = token
        return call
    }

    /// Signs `user` up through `surface`; `done` gets whether it was acknowledged.
    func signup(_ user: UserModel, via surface: String, pin: String? = nil, done: @escaping (ClientAnswer) -> Void) {
        var request = call(
            user, surface, "/api/auth/signup",
            AuthInput(
                email: user.email, password: user.password, webauthnKey: user.authenticator.publicKeyBase64),
            operation: "signup")
        request.presetPin = pin
        user.authInFlight = true
        clients.send(request) { [self] answer in
            user.authInFlight = false
            if answer.status == 201, let vertical = answer.vertical {
                events.emit(.auth(.signupAcknowledged(email: user.email, vertical: vertical)))
                let enrolment: Enrolment?
                if case .enrolment(let answered)? = answer.result { enrolment = answered } else { enrolment = nil }
                user.totpSecret = enrolment.flatMap { Data(hexString: $0.totpSecret) }.map { Array($0) }
                user.recoveryCodes = enrolment?.recoveryCodes ?? []
                user.passkeyRPID = enrolment?.webauthnRPID
                if let tokens = enrolment?.tokens {
                    user.remember(tokens: tokens, epochUnixSeconds: epochUnixSeconds)
                }
            }
            done(answer)
        }
    }

    /// Password step, then the second factor; `done` gets the final answer. With `fallback`, a
    /// refused second factor is followed by the fallback factor with the same MFA token (a user
    /// whose passkey the site does not accept types a TOTP code instead).
    func login(
        _ user: UserModel, via surface: String, factor: Factor, fallback: Factor? = nil, stalePassword: Bool = false,
        pin: String? = nil, done: @escaping (ClientAnswer) -> Void
    ) {
        let password = stalePassword ? (user.previousPassword ?? user.password) : user.password
        var first = call(
            user, surface, "/api/auth/login", AuthInput(email: user.email, password: password), operation: "login")
        first.presetPin = pin
        let issuedUs = queue.nowUs
        user.authInFlight = true
        clients.send(first) { [self] answer in
            guard answer.status == 200, case .mfaChallenge(let options)? = answer.result,
                let vertical = answer.vertical
            else {
                user.authInFlight = false
                return done(answer)
            }
            events.emit(
                .auth(.passwordAccepted(user: user.name, password: password, vertical: vertical, issuedUs: issuedUs)))
            let mfa = options.mfaToken
            let challenge = options.webauthn.flatMap { WebAuthnVerifier.base64URLDecoded($0.challenge) }
            secondFactor(user, via: surface, mfa: mfa, challenge: challenge, factor: factor) { [self] answer in
                guard answer.status == 401, let fallback else { return done(answer) }
                user.authInFlight = true
                secondFactor(user, via: surface, mfa: mfa, challenge: challenge, factor: fallback, done: done)
            }
        }
    }

    /// The second step of a login. A passkey assertion is built as a browser on the page of
    /// `surface` would (origin `https://SURFACE`) by the user's authenticator for the rpId it was
    /// registered for, over the relying party's `challenge`. A browser would refuse to ask a
    /// passkey of another rpId unless the rpId lists the page among its related origins; the
    /// simulated client sends it anyway, so that the relying party's origin check refuses and
    /// counts it (`passkey_wrong_origin`), and the user then falls back as it would.
    private func secondFactor(
        _ user: UserModel, via surface: String, mfa: String, challenge: Data?, factor: Factor,
        done: @escaping (ClientAnswer) -> Void
    ) {
        let unix = epochUnixSeconds + queue.nowUs / VirtualTime.second
        let request: ClientCall
        var credential: String?
        var counter: UInt32?
        switch factor {
        case .totp:
            let step = TOTP.step(unixSeconds: unix)
            let code = user.totpSecret.map { TOTP.code(secret: $0, step: step) } ?? "000000"
            credential = "totp:\(step)"
            request = call(
                user, surface, "/api/auth/login/totp", AuthInput(mfaToken: mfa, code: code),
                operation: "login-totp")
        case .recovery(let index):
            let code = index <= user.recoveryCodes.count ? user.recoveryCodes[index - 1] : "unknown"
            credential = "recovery:\(index)"
            request = call(
                user, surface, "/api/auth/login/recovery", AuthInput(mfaToken: mfa, code: code),
                operation: "login-recovery")
        case .webauthn(let clone):
            if !clone { user.signCount += 1 }
            let count = max(user.signCount, 1)
            counter = count
            let assertion: WebAuthnAuthenticator.Assertion
            do {
                assertion = try user.authenticator.assert(
                    rpID: user.passkeyRPID ?? WebAuthnPolicy.host(surface), challenge: challenge ?? Data(),
                    origin: WebAuthnPolicy.origin(host: surface), signCount: count)
            } catch {
                preconditionFailure("P-256 signing failed for \(user.name): \(error)")
            }
            request = call(
                user, surface, "/api/auth/login/webauthn",
                AuthInput(
                    mfaToken: mfa, authenticatorData: WebAuthnVerifier.base64URL(assertion.authenticatorData),
                    clientDataJSON: WebAuthnVerifier.base64URL(assertion.clientDataJSON),
                    signature: WebAuthnVerifier.base64URL(assertion.signature)), operation: "login-webauthn")
        }
        clients.send(request) { [self] answer in
            user.authInFlight = false
            if answer.status == 200, let vertical = answer.vertical {
                user.remember(answer, epochUnixSeconds: epochUnixSeconds)
                if let credential {
                    events.emit(.auth(.credentialAccepted(user: user.name, credential: credential, vertical: vertical)))
                }
                if let counter {
                    events.emit(.auth(.assertionAccepted(user: user.name, counter: counter, vertical: vertical)))
                }
            }
            done(answer)
        }
    }

    /// Exchanges the refresh token (or, with `stale`, the last revoked one) for a new pair.
    func refresh(
        _ user: UserModel, via surface: String, stale: Bool = false, pin: String? = nil,
        done: @escaping (ClientAnswer) -> Void
    ) {
        let token = (stale ? user.staleRefresh : nil) ?? user.refresh ?? ""
        var request = call(user, surface, "/api/auth/refresh", AuthInput(refreshToken: token), operation: "refresh")
        request.presetPin = pin
        user.authInFlight = true
        let issuedUs = queue.nowUs
        clients.send(request) { [self] answer in
            user.authInFlight = false
            if answer.status == 200, let vertical = answer.vertical {
                events.emit(
                    .auth(.tokenAccepted(token: token, vertical: vertical, issuedUs: issuedUs, operation: "refresh")))
                if !stale || token == user.refresh {
                    events.emit(.auth(.tokenRevoked(token: token, user: user.name, why: "refresh rotation")))
                    user.remember(answer, epochUnixSeconds: epochUnixSeconds)
                }
            }
            done(answer)
        }
    }

    /// Logs out: revokes the access and refresh tokens.
    func logout(_ user: UserModel, via surface: String, pin: String? = nil, done: @escaping (ClientAnswer) -> Void) {
        var request = call(
            user, surface, "/api/auth/logout", AuthInput(refreshToken: user.refresh ?? ""), operation: "logout",
            token: user.access)
        request.presetPin = pin
        clients.send(request) { [self] answer in
            if answer.status == 204 {
                for token in [user.access, user.refresh].compactMap({ $0 }) {
                    events.emit(.auth(.tokenRevoked(token: token, user: user.name, why: "logout")))
                }
                user.staleAccess = user.access
                user.staleRefresh = user.refresh
                user.access = nil
                user.refresh = nil
                user.accessExpiresUs = 0
            }
            done(answer)
        }
    }

    /// Changes the password; earlier tokens and the old password must stop working.
    func changePassword(
        _ user: UserModel, via surface: String, pin: String? = nil, done: @escaping (ClientAnswer) -> Void
    ) {
        let newPassword = user.password + "-next"
        var request = call(
            user, surface, "/api/auth/password", AuthInput(password: user.password, newPassword: newPassword),
            operation: "change-password", token: user.access)
        request.presetPin = pin
        clients.send(request) { [self] answer in
            if answer.status == 200 {
                for token in [user.access, user.refresh].compactMap({ $0 }) {
                    events.emit(.auth(.tokenRevoked(token: token, user: user.name, why: "password change")))
                }
                events.emit(.auth(.passwordChanged(user: user.name, old: user.password)))
                user.previousPassword = user.password
                user.password = newPassword
                user.remember(answer, epochUnixSeconds: epochUnixSeconds)
            }
            done(answer)
        }
    }
}
