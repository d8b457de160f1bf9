/// The token pair a successful login, refresh or password change returns (JSON members in snake
/// case: `access_token`, ...).
public struct TokenPair: Encodable, Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
    /// When the access token expires, in Unix seconds.
    public var accessExpiresUnix: Int64
    /// When the refresh token expires, in Unix seconds.
    public var refreshExpiresUnix: Int64
    public var accountID: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case accessExpiresUnix = "access_expires_unix"
        case refreshExpiresUnix = "refresh_expires_unix"
        case accountID = "account_id"
    }
}
