import Crypto
import Foundation
import JWTKit

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
