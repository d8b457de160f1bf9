import Crypto
import Foundation

/// How a login completed: the password step, then this second factor.
public enum LoginMethod: String, CaseIterable, Sendable {
    /// Password, then a TOTP code (RFC 6238).
    case totp
    /// Password, then a WebAuthn assertion from the registered passkey.
    case passkey
    /// Password, then a single-use recovery code.
    case recovery
}
