import Crypto
import Foundation

/// Counters of authentication decisions on one vertical.
public struct AuthCounters: Sendable, Equatable {
    public var signups = 0
    /// Completed logins (password and second factor), by second factor. A refresh is not a login.
    public var logins: [LoginMethod: Int] = [:]
    /// Refresh tokens exchanged for a new pair.
    public var refreshes = 0
    public var refused = 0
    public var tokenRejections: [TokenRejection: Int] = [:]

    public func rejections(_ reason: TokenRejection) -> Int { tokenRejections[reason] ?? 0 }
    /// Completed logins by `method`.
    public func logins(_ method: LoginMethod) -> Int { logins[method] ?? 0 }
}
