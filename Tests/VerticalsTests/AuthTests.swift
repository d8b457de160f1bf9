import Crypto
import Foundation
import Testing

@testable import Verticals

@Suite("TOTP")
struct TOTPTests {
    /// RFC 6238 Appendix B, SHA-1 rows: 8 digits, secret "12345678901234567890".
    @Test(arguments: [
        (Int64(59), "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func matchesRFC6238(unixSeconds: Int64, expected: String) {
        let secret = Array("12345678901234567890".utf8)
        #expect(TOTP.code(secret: secret, step: TOTP.step(unixSeconds: unixSeconds), digits: 8) == expected)
    }

    @Test func acceptsOneStepEitherSideAndNeverTheSameStepTwice() {
        let secret = Array("12345678901234567890".utf8)
        let now: Int64 = 1_000_000_000
        let previous = TOTP.code(secret: secret, step: TOTP.step(unixSeconds: now) - 1)
        #expect(
            TOTP.verify(previous, secret: secret, unixSeconds: now, lastUsedStep: 0) == TOTP.step(unixSeconds: now) - 1)
        #expect(
            TOTP.verify(previous, secret: secret, unixSeconds: now, lastUsedStep: TOTP.step(unixSeconds: now) - 1)
                == nil)
        let old = TOTP.code(secret: secret, step: TOTP.step(unixSeconds: now) - 2)
        #expect(TOTP.verify(old, secret: secret, unixSeconds: now, lastUsedStep: 0) == nil)
    }
}

@Suite("Authentication on a vertical")
struct AuthTests {
    struct Enrolment {
        let email: String, password: String, secret: [UInt8], codes: [String], access: String, refresh: String
    }

    func signup(
        _ vertical: Vertical, email: String = "Alice@Example.test", password: String = "correct horse",
        webauthnKey: String? = nil, nowUs: Int64 = 1_000_000
    ) throws -> Enrolment {
        var body: [String: Any] = ["email": email, "password": password]
        if let webauthnKey { body["webauthn_key"] = webauthnKey }
        let response = vertical.call(.post, "/api/auth/signup", user: nil, json: body, nowUs: nowUs)
        #expect(response.status == 201)
        let json = response.json
        let tokens = try #require(json["tokens"] as? [String: Any])
        return Enrolment(
            email: email, password: password,
            secret: Array(Data(hexString: json["totp_secret"] as! String)!),
            codes: json["recovery_codes"] as! [String], access: tokens["access_token"] as! String,
            refresh: tokens["refresh_token"] as! String)
    }

    func mfaToken(_ vertical: Vertical, _ e: Enrolment, password: String? = nil, nowUs: Int64) -> String? {
        vertical.call(
            .post, "/api/auth/login", user: nil, json: ["email": e.email, "password": password ?? e.password],
            nowUs: nowUs
        ).json["mfa_token"] as? String
    }

    func totpLogin(_ vertical: Vertical, _ e: Enrolment, nowUs: Int64, step: Int64? = nil) -> APIResponse {
        let mfa = mfaToken(vertical, e, nowUs: nowUs) ?? ""
        let unix = testAuth.epochUnixSeconds + nowUs / 1_000_000
        let code = TOTP.code(secret: e.secret, step: step ?? TOTP.step(unixSeconds: unix))
        return vertical.call(
            .post, "/api/auth/login/totp", user: nil, json: ["mfa_token": mfa, "code": code], nowUs: nowUs)
    }

    @Test func signupLoginAndUseTheTokenOnAnotherVertical() throws {
        let aws = try makeVertical("aws"), scaleway = try makeVertical("scaleway")
        let alice = try signup(aws)
        #expect(
            aws.call(
                .post, "/api/auth/signup", user: nil, json: ["email": "alice@example.test", "password": "another one"]
            ).status == 409,
            "emails are normalised: one account per address")
        let login = totpLogin(aws, alice, nowUs: 2_000_000)
        #expect(login.status == 200)
        let token = try #require(login.json["access_token"] as? String)
        // A token from aws validates on scaleway (shared secret), before any replication.
        #expect(
            scaleway.call(.post, "/api/runbooks", user: nil, json: ["id": "r1", "title": "T"], bearer: token).status
                == 201)
    }

    @Test func aTOTPCodeIsAcceptedOncePerVertical() throws {
        let aws = try makeVertical("aws")
        let alice = try signup(aws)
        #expect(totpLogin(aws, alice, nowUs: 40_000_000).status == 200)
        #expect(
            totpLogin(aws, alice, nowUs: 41_000_000).status == 401, "same step, same vertical: refused (RFC 6238 §5.2)")
        #expect(totpLogin(aws, alice, nowUs: 80_000_000).status == 200, "a later step is fine")
    }

    @Test func recoveryCodesAreSingleUse() throws {
        let aws = try makeVertical("aws")
        let alice = try signup(aws)
        #expect(alice.codes.count == 10)
        func recover(_ code: String) -> Int {
            let mfa = mfaToken(aws, alice, nowUs: 5_000_000) ?? ""
            return aws.call(
                .post, "/api/auth/login/recovery", user: nil, json: ["mfa_token": mfa, "code": code],
                nowUs: 5_000_000
            ).status
        }
        #expect(recover(alice.codes[3]) == 200)
        #expect(recover(alice.codes[3]) == 401)
        #expect(recover("not-a-code") == 401)
        let stored = try aws.database.read {
            try String.fetchOne($0, sql: "SELECT code_hash FROM recovery_code LIMIT 1")
        }
        #expect(stored?.count == 64, "codes are stored hashed")
        #expect(!alice.codes.contains(stored ?? ""))
    }

    enum BadToken: String, CaseIterable { case algNone, tampered, expired, wrongKey, refreshAsAccess }

    @Test(arguments: BadToken.allCases)
    func badTokensAreRefusedAndCounted(kind: BadToken) throws {
        let aws = try makeVertical("aws")
        let good = accessToken("alice")
        let token: String
        let reason: TokenRejection
        switch kind {
        case .algNone:
            let parts = good.split(separator: ".")
            let header = Array(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URLEncoded()
            token = String(decoding: header, as: UTF8.self) + "." + parts[1] + "."
            reason = .algorithm
        case .tampered:
            var parts = good.split(separator: ".").map(String.init)
            parts[1] =
                String(decoding: Array(#"{"sub":"mallory"}"#.utf8).base64URLEncoded(), as: UTF8.self)
                + String(parts[1].dropFirst(20))
            token = parts.joined(separator: ".")
            reason = .malformed
        case .expired:
            token = accessToken("alice", nowUs: 0, ttlSeconds: 1)
            reason = .expired
        case .wrongKey:
            let claims = try TokenService(secret: testAuth.jwtSecret).verify(
                good, kind: .access,
                nowUnixSeconds: testAuth.epochUnixSeconds + 1
            ).get()
            token = try TokenService(secret: SyncKeyring.derivedKey("other secret")).sign(claims)
            reason = .badSignature
        case .refreshAsAccess:
            let alice = try signup(aws)
            token = alice.refresh
            reason = .wrongKind
        }
        #expect(aws.call(.get, "/api/runbooks", user: nil, nowUs: 10_000_000, bearer: token).status == 401)
        #expect(aws.authCounters.rejections(reason) == 1, "\(aws.authCounters)")
    }

    @Test func logoutAndPasswordChangeRevokeTokensWhereverTheChangeHasReplicated() throws {
        let aws = try makeVertical("aws"), scaleway = try makeVertical("scaleway")
        let alice = try signup(aws)
        try aws.replicate(to: scaleway)
        // Logout on aws.
        #expect(
            aws.call(
                .post, "/api/auth/logout", user: nil, json: ["refresh_token": alice.refresh], nowUs: 2_000_000,
                bearer: alice.access
            ).status == 204)
        #expect(
            aws.call(.post, "/api/auth/refresh", user: nil, json: ["refresh_token": alice.refresh], nowUs: 2_100_000)
                .status == 401)
        // Scaleway has not heard yet: the stale token still works there (the hazard).
        #expect(
            scaleway.call(
                .post, "/api/auth/refresh", user: nil, json: ["refresh_token": alice.refresh],
                nowUs: 2_200_000
            ).status == 200)
        try aws.replicate(to: scaleway, nowUs: 3_000_000)
        #expect(scaleway.call(.get, "/api/runbooks", user: nil, nowUs: 3_100_000, bearer: alice.access).status == 401)

        // Password change on aws invalidates older tokens and the old password once replicated.
        let bob = try signup(aws, email: "bob@example.test", password: "old password")
        let changed = aws.call(
            .post, "/api/auth/password", user: nil,
            json: ["password": "old password", "new_password": "new password"], nowUs: 4_000_000,
            bearer: bob.access)
        #expect(changed.status == 200)
        #expect(aws.call(.get, "/api/runbooks", user: nil, nowUs: 4_100_000, bearer: bob.access).status == 401)
        #expect(mfaToken(aws, bob, nowUs: 4_200_000) == nil, "old password refused")
        try aws.replicate(to: scaleway, nowUs: 5_000_000)
        #expect(mfaToken(scaleway, bob, nowUs: 5_100_000) == nil)
        #expect(mfaToken(scaleway, bob, password: "new password", nowUs: 5_200_000) != nil)
    }

    @Test func passwordsAreStoredAsArgon2idAndCountedAsWork() throws {
        let aws = try makeVertical("aws")
        let alice = try signup(aws)
        let hash = try aws.database.read { try String.fetchOne($0, sql: "SELECT password_hash FROM account") }
        #expect(hash?.hasPrefix("$argon2id$v=19$m=64,t=1,p=1$") == true)
        #expect(!(hash ?? "").contains(alice.password))
        let response = aws.handle(
            APIRequest(
                .post, "/api/auth/login", headers: [:],
                body: try JSONSerialization.data(withJSONObject: ["email": alice.email, "password": alice.password])),
            nowUs: 9_000_000, requestID: "x")
        #expect(response.passwordHashes == 1, "one hash to check the password, priced by the runtime")
    }
}
