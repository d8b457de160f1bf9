import Crypto
import Foundation
import JWTKit

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
