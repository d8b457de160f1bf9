import Crypto
import Foundation
import JWTKit

/// The claims of Glassbreak's tokens.
public struct TokenClaims: JWTPayload, Equatable {
    /// `access`, `refresh`, or `mfa` (a password-checked login waiting for its second factor).
    public enum Kind: String, Codable, Sendable { case access, refresh, mfa }

    public var sub: SubjectClaim
    /// The vertical that issued the token.
    public var iss: IssuerClaim
    public var jti: IDClaim
    public var iat: IssuedAtClaim
    public var exp: ExpirationClaim
    public var typ: Kind
    /// The account's password version when the token was issued: a password change invalidates
    /// every older token on each vertical that has seen the change.
    public var pv: Int64

    /// Verification happens synchronously in ``TokenService/verify(_:kind:nowUnixSeconds:)``;
    /// jwt-kit's asynchronous hook is not used.
    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
