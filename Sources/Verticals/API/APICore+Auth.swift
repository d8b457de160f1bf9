import Crypto
import Foundation
import GRDB
import HTTPTypes

/// An account row as the auth routes read it.
struct AccountRecord {
    var id: String
    var email: String
    var passwordHash: String
    var passwordVersion: Int64
    var totpSecret: String
    var webauthnKey: String
    /// The rpId the passkey was registered for (empty without a passkey).
    var webauthnRPID: String
    var deleted: Bool
}

extension APICore {
    /// The Unix time a request sees.
    func unixSeconds(_ context: RequestContext) -> Int64 { auth.epochUnixSeconds + context.nowUs / 1_000_000 }

    func decodeAuth(_ request: APIRequest) throws -> AuthInput {
        if case .auth(let typed)? = request.input { return typed }  // what its JSON would have decoded to
        // try?-ok: any decoding error is the same 400 (malformed JSON body)
        guard let input = try? decoder.decode(AuthInput.self, from: request.body) else {  // try?-ok: a 400
            throw APIError.badRequest("malformed JSON body")
        }
        return input
    }

    func account(_ db: Database, id: String) throws -> AccountRecord? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT id, email, password_hash, password_version, totp_secret, webauthn_key, webauthn_rp_id, deleted
                        FROM account WHERE id = ?
                        """), arguments: [id])
        else { return nil }
        return AccountRecord(
            id: row[0], email: row[1], passwordHash: row[2], passwordVersion: row[3], totpSecret: row[4],
            webauthnKey: row[5], webauthnRPID: row[6], deleted: row[7] != 0)
    }

    /// The caller of a runbook route: a valid, unrevoked access token's subject.
    func authenticate(_ request: APIRequest, context: RequestContext) throws -> String {
        guard let token = request.bearer else { throw APIError.unauthorized("missing bearer token") }
        let claims = try verifiedToken(token, kind: .access, context: context)
        return claims.sub.value
    }

    /// Verifies a token and checks revocation and password version against this vertical's
    /// database (what it has seen so far: a peer's logout may not have arrived yet).
    func verifiedToken(_ token: String, kind: TokenClaims.Kind, context: RequestContext) throws -> TokenClaims {
        let claims: TokenClaims
        switch verifiedTokens.verify(token, kind: kind, nowUnixSeconds: unixSeconds(context), using: tokens) {
        case .failure(let reason):
            authCounters.tokenRejections[reason, default: 0] += 1
            throw APIError.unauthorized("invalid token: \(reason.rawValue)")
        case .success(let verified):
            claims = verified
        }
        guard context.health.databaseUp else { return claims }
        // One typed statement on every authenticated request: revoked, and the account's
        // password version (NULL without an account).
        let (revoked, passwordVersion) = try database.read { db in
            let statement = try TypedStatement(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM revoked_token WHERE jti = ?),
                           (SELECT password_version FROM account WHERE id = ?)
                    """)
            statement.bind(1, claims.jti.value)
            statement.bind(2, claims.sub.value)
            return try statement.fetchOne { row in (row.int64(0) != 0, row.isNull(1) ? nil : row.int64(1)) }
                ?? (false, nil)
        }
        if revoked || (passwordVersion.map { $0 > claims.pv } ?? false) {
            authCounters.tokenRejections[.revoked, default: 0] += 1
            throw APIError.unauthorized("token revoked")
        }
        return claims
    }

    /// A signed token of `kind`; its id is `jti` or 16 fresh random bytes in hex.
    func issue(
        _ kind: TokenClaims.Kind, account: String, passwordVersion: Int64, ttlSeconds: Int64,
        context: RequestContext, jti: String? = nil
    ) throws -> (String, Int64) {
        let now = unixSeconds(context)
        let claims = TokenClaims(
            sub: .init(value: account), iss: .init(value: identity.id),
            jti: .init(value: jti ?? Bucket.hex(entropy.bytes(16))),
            iat: .init(value: Date(timeIntervalSince1970: Double(now))),
            exp: .init(value: Date(timeIntervalSince1970: Double(now + ttlSeconds))), typ: kind, pv: passwordVersion)
        return (try tokens.sign(claims), now + ttlSeconds)
    }

    func tokenPair(account: String, passwordVersion: Int64, context: RequestContext) throws -> APIResponse {
        answer(.ok, .tokens(try makeTokenPair(account: account, passwordVersion: passwordVersion, context: context)))
    }

    func makeTokenPair(account: String, passwordVersion: Int64, context: RequestContext) throws -> TokenPair {
        let (access, accessExpiry) = try issue(
            .access, account: account, passwordVersion: passwordVersion,
            ttlSeconds: auth.accessTTLSeconds, context: context)
        let (refresh, refreshExpiry) = try issue(
            .refresh, account: account, passwordVersion: passwordVersion,
            ttlSeconds: auth.refreshTTLSeconds, context: context)
        return TokenPair(
            accessToken: access, refreshToken: refresh, accessExpiresUnix: accessExpiry,
            refreshExpiresUnix: refreshExpiry, accountID: account)
    }

    func refuse(_ message: String) -> APIError {
        authCounters.refused += 1
        return APIError.unauthorized(message)
    }

    // MARK: Routes

    func routeAuth(
        _ action: String, _ request: APIRequest, context: RequestContext,
        clock: inout HybridLogicalClock, hashes: inout Int
    ) throws -> APIResponse {
        guard request.method == .post else { throw APIError.methodNotAllowed }
        guard context.health.databaseUp else { throw APIError.unavailable("database unavailable") }
        let input = try decodeAuth(request)
        let host = WebAuthnPolicy.host(request.authority ?? "")
        switch action {
        case "signup": return try signup(input, host: host, context: context, clock: &clock, hashes: &hashes)
        case "login": return try passwordStep(input, context: context, hashes: &hashes)
        case "totp": return try totpStep(input, context: context, clock: &clock)
        case "recovery": return try recoveryStep(input, context: context, clock: &clock)
        case "webauthn": return try webauthnStep(input, host: host, context: context, clock: &clock)
        case "refresh": return try refresh(input, context: context, clock: &clock)
        case "logout": return try logout(request, input, context: context, clock: &clock)
        case "password": return try changePassword(request, input, context: context, clock: &clock, hashes: &hashes)
        default: throw APIError.notFound("no auth route \(action)")
        }
    }

    /// Creates the account; with `webauthn_key` (a P-256 public key, X9.63, base64) it registers
    /// a passkey for the rpId ``WebAuthnPolicy/registrationRPID(host:)`` gives for the surface
    /// the request came in on, and answers it as `webauthn_rp_id`.
    private func signup(
        _ input: AuthInput, host: String, context: RequestContext, clock: inout HybridLogicalClock,
        hashes: inout Int
    ) throws -> APIResponse {
        guard let email = input.email, email.contains("@"), let password = input.password, password.count >= 8 else {
            throw APIError.badRequest("expected email and a password of at least 8 characters")
        }
        let passkey = input.webauthnKey ?? ""
        if !passkey.isEmpty, Self.passkeyKey(passkey) == nil {
            throw APIError.badRequest("webauthn_key: expected a P-256 public key (X9.63, base64)")
        }
        let rpID = passkey.isEmpty ? "" : auth.webauthn.registrationRPID(host: host)
        let id = AuthConfig.accountID(email: email)
        if let existing = try database.read({ db in try account(db, id: id) }), !existing.deleted {
            throw APIError.conflict("an account with this email exists")
        }
        hashes += 1
        let hash = try passwords.hashEncoded(password: password, salt: entropy.bytes(16), parameters: auth.argon2)
        let totpSecret = Bucket.hex(entropy.bytes(20))
        let codes = (0..<10).map { _ in Self.recoveryCode(entropy.bytes(8)) }
        let hlc = clock.tick(physicalUs: context.nowUs)
        let origin = identity.id, now = context.nowUs
        try database.write { db in
            try ReplicatedTable.account.upsert(
                db,
                [
                    id, AuthConfig.normalize(email), hash, Int64(1), totpSecret,
                    passkey, rpID, hlc, origin, Int64(0), now,
                ])
            try ReplicatedTable.totpState.upsert(db, [id, Int64(0), hlc, origin, Int64(0), now])
            try ReplicatedTable.webauthnState.upsert(db, [id, Int64(0), hlc, origin, Int64(0), now])
            for (index, code) in codes.enumerated() {
                try ReplicatedTable.recoveryCode.upsert(
                    db,
                    [
                        id, String(index + 1), Self.codeHash(code), Int64(0), hlc,
                        origin, Int64(0), now,
                    ])
            }
        }
        authCounters.signups += 1
        let pair = try makeTokenPair(account: id, passwordVersion: 1, context: context)
        return answer(
            .created,
            .enrolment(
                Enrolment(
                    accountID: id, totpSecret: totpSecret, recoveryCodes: codes,
                    webauthnRPID: rpID.isEmpty ? nil : rpID, tokens: pair)),
            etag: hlc)
    }

    /// The password step: answers an MFA token and, for an account with a passkey, the WebAuthn
    /// request options (`webauthn: {challenge, rp_id}`; the challenge is the MFA token's id).
    private func passwordStep(_ input: AuthInput, context: RequestContext, hashes: inout Int) throws -> APIResponse {
        guard let email = input.email, let password = input.password else {
            throw APIError.badRequest("expected email and password")
        }
        let id = AuthConfig.accountID(email: email)
        guard let account = try database.read({ db in try account(db, id: id) }), !account.deleted else {
            throw refuse("unknown account or wrong password")
        }
        hashes += 1
        guard passwords.verify(encoded: account.passwordHash, password: password) else {
            throw refuse("unknown account or wrong password")
        }
        let challenge = entropy.bytes(16)
        let (token, _) = try issue(
            .mfa, account: id, passwordVersion: account.passwordVersion,
            ttlSeconds: auth.mfaTTLSeconds, context: context, jti: Bucket.hex(challenge))
        let options =
            account.webauthnKey.isEmpty
            ? nil
            : MFAChallenge.PasskeyOptions(
                challenge: WebAuthnVerifier.base64URL(Data(challenge)), rpID: account.webauthnRPID)
        return answer(.ok, .mfaChallenge(MFAChallenge(mfaToken: token, webauthn: options)))
    }

    private func refresh(_ input: AuthInput, context: RequestContext, clock: inout HybridLogicalClock) throws
        -> APIResponse
    {
        guard let token = input.refreshToken else { throw APIError.badRequest("expected refresh_token") }
        let claims = try verifiedToken(token, kind: .refresh, context: context)
        // Rotation: the used refresh token is revoked.
        try revoke(claims, context: context, clock: &clock)
        authCounters.refreshes += 1
        return try tokenPair(account: claims.sub.value, passwordVersion: claims.pv, context: context)
    }

    private func logout(
        _ request: APIRequest, _ input: AuthInput, context: RequestContext,
        clock: inout HybridLogicalClock
    ) throws -> APIResponse {
        guard let token = request.bearer else { throw APIError.unauthorized("missing bearer token") }
        let access = try verifiedToken(token, kind: .access, context: context)
        try revoke(access, context: context, clock: &clock)
        if let refresh = input.refreshToken,
            case .success(let claims) = tokens.verify(refresh, kind: .refresh, nowUnixSeconds: unixSeconds(context)),
            claims.sub == access.sub
        {
            try revoke(claims, context: context, clock: &clock)
        }
        return APIResponse(.noContent)
    }

    private func changePassword(
        _ request: APIRequest, _ input: AuthInput, context: RequestContext,
        clock: inout HybridLogicalClock, hashes: inout Int
    ) throws -> APIResponse {
        let subject = try authenticate(request, context: context)
        guard let old = input.password, let new = input.newPassword, new.count >= 8 else {
            throw APIError.badRequest("expected password and new_password (at least 8 characters)")
        }
        guard let account = try database.read({ db in try account(db, id: subject) }), !account.deleted else {
            throw refuse("unknown account")
        }
        hashes += 2
        guard passwords.verify(encoded: account.passwordHash, password: old) else { throw refuse("wrong password") }
        let hash = try passwords.hashEncoded(password: new, salt: entropy.bytes(16), parameters: auth.argon2)
        let hlc = clock.tick(physicalUs: context.nowUs)
        let version = account.passwordVersion + 1
        try database.write { db in
            try ReplicatedTable.account.upsert(
                db,
                [
                    account.id, account.email, hash, version, account.totpSecret,
                    account.webauthnKey, account.webauthnRPID, hlc, identity.id, Int64(0), context.nowUs,
                ])
        }
        return try tokenPair(account: account.id, passwordVersion: version, context: context)
    }

    private func revoke(_ claims: TokenClaims, context: RequestContext, clock: inout HybridLogicalClock) throws {
        let hlc = clock.tick(physicalUs: context.nowUs)
        try database.write { db in
            try ReplicatedTable.revokedToken.upsert(
                db,
                [
                    claims.jti.value, claims.sub.value,
                    Int64(claims.exp.value.timeIntervalSince1970), hlc, identity.id,
                    Int64(0), context.nowUs,
                ])
        }
    }

    static func recoveryCode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789".utf8)
        return String(decoding: bytes.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    static func codeHash(_ code: String) -> String { Bucket.hex(SHA256.hash(data: Array(code.utf8))) }
}

extension Data {
    /// Bytes from lower- or upper-case hex; nil if malformed.
    public init?(hexString: String) {
        let chars = Array(hexString.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chars.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var index = 0
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes)
    }
}
