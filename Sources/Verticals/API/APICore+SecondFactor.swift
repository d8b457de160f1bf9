import Crypto
import Foundation
import GRDB

/// The second step of a login: an MFA token from the password step, then a TOTP code, a
/// recovery code or a passkey assertion.
extension APICore {
    /// The account behind an MFA token, which carries the password step's result and the WebAuthn challenge.
    func mfaAccount(_ input: AuthInput, context: RequestContext) throws -> (TokenClaims, AccountRecord) {
        guard let token = input.mfaToken else { throw APIError.badRequest("expected mfa_token") }
        let claims = try verifiedToken(token, kind: .mfa, context: context)
        guard let account = try database.read({ db in try account(db, id: claims.sub.value) }), !account.deleted else {
            throw refuse("unknown account")
        }
        return (claims, account)
    }

    func totpStep(_ input: AuthInput, context: RequestContext, clock: inout HybridLogicalClock) throws
        -> APIResponse
    {
        let (_, account) = try mfaAccount(input, context: context)
        guard let code = input.code else { throw APIError.badRequest("expected code") }
        let lastStep = try database.read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT last_step FROM totp_state WHERE account_id = ?"),
                arguments: [account.id]) ?? 0
        }
        guard let secret = Data(hexString: account.totpSecret),
            let step = TOTP.verify(
                code, secret: Array(secret), unixSeconds: unixSeconds(context), lastUsedStep: lastStep)
        else {
            throw refuse("invalid or already used code")
        }
        let hlc = clock.tick(physicalUs: context.nowUs)
        try database.write { db in
            try ReplicatedTable.totpState.upsert(db, [account.id, step, hlc, identity.id, Int64(0), context.nowUs])
        }
        authCounters.logins[.totp, default: 0] += 1
        return try tokenPair(account: account.id, passwordVersion: account.passwordVersion, context: context)
    }

    func recoveryStep(_ input: AuthInput, context: RequestContext, clock: inout HybridLogicalClock) throws
        -> APIResponse
    {
        let (_, account) = try mfaAccount(input, context: context)
        guard let code = input.code else { throw APIError.badRequest("expected code") }
        let hash = Self.codeHash(code)
        guard
            let index = try database.read({ db in
                try String.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT idx FROM recovery_code WHERE account_id = ? AND code_hash = ? AND used = 0 AND deleted = 0
                            """), arguments: [account.id, hash])
            })
        else { throw refuse("invalid or already used recovery code") }
        let hlc = clock.tick(physicalUs: context.nowUs)
        try database.write { db in
            try ReplicatedTable.recoveryCode.upsert(
                db,
                [
                    account.id, index, hash, Int64(1), hlc, identity.id, Int64(0),
                    context.nowUs,
                ])
        }
        authCounters.logins[.recovery, default: 0] += 1
        return try tokenPair(account: account.id, passwordVersion: account.passwordVersion, context: context)
    }

    /// The passkey step: the assertion is checked by ``WebAuthnVerifier`` for the rpId the
    /// passkey was registered for, the origin of the surface the request came in on (when
    /// ``WebAuthnPolicy`` allows it for that rpId), the MFA token's challenge, UP and UV, and a
    /// sign counter above the stored one. A refusal is counted by reason; one for the origin also
    /// per surface (`passkey_wrong_origin`).
    func webauthnStep(
        _ input: AuthInput, host: String, context: RequestContext, clock: inout HybridLogicalClock
    ) throws -> APIResponse {
        let (claims, account) = try mfaAccount(input, context: context)
        guard let authenticatorData = input.authenticatorData.flatMap(WebAuthnVerifier.base64URLDecoded),
            let clientDataJSON = input.clientDataJSON.flatMap(WebAuthnVerifier.base64URLDecoded),
            let signature = input.signature.flatMap(WebAuthnVerifier.base64URLDecoded)
        else {
            throw APIError.badRequest("expected authenticator_data, client_data_json and signature (base64url)")
        }
        guard let key = Self.passkeyKey(account.webauthnKey), let challenge = Data(hexString: claims.jti.value) else {
            throw refuse("no passkey registered")
        }
        let stored = try database.read { db in
            try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT sign_count FROM webauthn_state WHERE account_id = ?"),
                arguments: [account.id]) ?? 0
        }
        let surfaceOrigin = WebAuthnPolicy.origin(host: host)
        let verdict = WebAuthnVerifier.verify(
            authenticatorData: authenticatorData, clientDataJSON: clientDataJSON, signatureDER: signature,
            publicKey: key, challenge: challenge, rpID: account.webauthnRPID,
            allowedOrigins: auth.webauthn.allowedOrigins(rpID: account.webauthnRPID).filter { $0 == surfaceOrigin },
            requireUserVerification: true, storedSignCount: UInt32(clamping: stored))
        let count: UInt32
        switch verdict {
        case .failure(let reason):
            authCounters.passkeyRefusals[reason, default: 0] += 1
            if reason == .origin { authCounters.countWrongOrigin(host: host) }
            throw refuse("passkey refused: \(reason.rawValue)")
        case .success(let signCount):
            count = signCount
        }
        let hlc = clock.tick(physicalUs: context.nowUs)
        try database.write { db in
            try ReplicatedTable.webauthnState.upsert(
                db, [account.id, Int64(count), hlc, identity.id, Int64(0), context.nowUs])
        }
        authCounters.logins[.passkey, default: 0] += 1
        return try tokenPair(account: account.id, passwordVersion: account.passwordVersion, context: context)
    }

    /// A registered passkey's public key (X9.63, base64); nil if absent or malformed.
    static func passkeyKey(_ base64: String) -> P256.Signing.PublicKey? {
        guard !base64.isEmpty, let data = Data(base64Encoded: base64) else { return nil }
        return try? P256.Signing.PublicKey(x963Representation: data)  // try?-ok: refused
    }
}
