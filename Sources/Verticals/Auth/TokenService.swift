import Crypto
import Foundation
import JWTKit

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
            let parsed = try? parser.parse(bytes, as: TokenClaims.self)  // try?-ok: refused
        else { return .failure(.malformed) }
        guard parsed.header.alg == "HS256" else { return .failure(.algorithm) }
        guard HMAC<SHA256>.isValidAuthenticationCode(parsed.signature, authenticating: bytes[..<lastDot], using: key)
        else {
            return .failure(.badSignature)
        }
        // try?-ok: an expired token is refused (.expired)
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
