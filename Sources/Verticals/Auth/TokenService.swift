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

/// Why a token was refused. Each is counted.
public enum TokenRejection: String, Sendable, CaseIterable, Error {
    case malformed
    /// `alg` is not HS256 (`none` included).
    case algorithm
    case badSignature = "bad-signature"
    case expired
    case wrongKind = "wrong-kind"
    /// Revoked by logout, or older than the account's password version.
    case revoked
}

/// HS256 JSON Web Tokens with the one secret every vertical shares, so a token issued by one
/// vertical validates on all of them. jwt-kit parses and serializes (header, claims, base64url);
/// signing and verification use swift-crypto's HMAC directly so they stay synchronous, as the
/// simulated path must be.
public struct TokenService: Sendable {
    private let key: SymmetricKey
    private let parser = DefaultJWTParser()
    private let serializer = DefaultJWTSerializer()
    /// The fixed header: `{"alg":"HS256","typ":"JWT"}`.
    private static let header = Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8).base64URLEncoded()

    public init(secret: SymmetricKey) {
        precondition(secret.bitCount >= 256, "the JWT secret must be at least 256 bits")
        key = secret
    }

    /// A signed token for `claims`.
    public func sign(_ claims: TokenClaims) throws -> String {
        var input = Self.header
        input.append(UInt8(ascii: "."))
        input.append(contentsOf: try serializer.serialize(claims))
        let mac = HMAC<SHA256>.authenticationCode(for: input, using: key)
        input.append(UInt8(ascii: "."))
        input.append(contentsOf: Array(mac).base64URLEncoded())
        return String(decoding: input, as: UTF8.self)
    }

    /// The claims of `token` if it is a well-formed, correctly signed, unexpired HS256 token of
    /// `kind`. Revocation is the caller's business (it needs the database).
    public func verify(_ token: String, kind: TokenClaims.Kind, nowUnixSeconds: Int64) -> Result<
        TokenClaims, TokenRejection
    > {
        let bytes = Array(token.utf8)
        guard let lastDot = bytes.lastIndex(of: UInt8(ascii: ".")),
            let parsed = try? parser.parse(bytes, as: TokenClaims.self)
        else { return .failure(.malformed) }
        guard parsed.header.alg == "HS256" else { return .failure(.algorithm) }
        guard HMAC<SHA256>.isValidAuthenticationCode(parsed.signature, authenticating: bytes[..<lastDot], using: key)
        else {
            return .failure(.badSignature)
        }
        guard
            (try? parsed.payload.exp.verifyNotExpired(currentDate: Date(timeIntervalSince1970: Double(nowUnixSeconds))))
                != nil
        else {
            return .failure(.expired)
        }
        guard parsed.payload.typ == kind else { return .failure(.wrongKind) }
        return .success(parsed.payload)
    }
}

extension TokenService {
    /// The `jti` of a token without verifying it: what a client reads from its MFA token to
    /// answer the WebAuthn challenge (the server verifies the token itself).
    public static func unverifiedID(_ token: String) throws -> String {
        try DefaultJWTParser().parse(Array(token.utf8), as: TokenClaims.self).payload.jti.value
    }
}

extension Array where Element == UInt8 {
    /// Base64url without padding (RFC 7515 §2).
    func base64URLEncoded() -> [UInt8] {
        Array(
            Data(self).base64EncodedString().utf8.compactMap { byte -> UInt8? in
                switch byte {
                case UInt8(ascii: "+"): return UInt8(ascii: "-")
                case UInt8(ascii: "/"): return UInt8(ascii: "_")
                case UInt8(ascii: "="): return nil
                default: return byte
                }
            })
    }
}

/// Remembers the claims of tokens whose signature and format were already checked, so a client's
/// every request does not parse and verify its token again. Expiry and kind are still checked on
/// every use. Bounded: cleared when full.
public struct VerifiedTokenCache: Sendable {
    /// Most tokens remembered.
    public let capacity: Int
    private var claims: [String: TokenClaims] = [:]

    public init(capacity: Int = 10_000) {
        precondition(capacity > 0, "cache capacity must be positive")
        self.capacity = capacity
    }

    /// `service.verify`, answered from the cache for tokens seen before.
    public mutating func verify(
        _ token: String, kind: TokenClaims.Kind, nowUnixSeconds: Int64,
        using service: TokenService
    ) -> Result<TokenClaims, TokenRejection> {
        if let known = claims[token] {
            guard Int64(known.exp.value.timeIntervalSince1970) >= nowUnixSeconds else { return .failure(.expired) }
            guard known.typ == kind else { return .failure(.wrongKind) }
            return .success(known)
        }
        let result = service.verify(token, kind: kind, nowUnixSeconds: nowUnixSeconds)
        if case .success(let verified) = result {
            if claims.count >= capacity { claims.removeAll(keepingCapacity: true) }
            claims[token] = verified
        }
        return result
    }
}
