/// The status route's answer (`GET /api/public/status`): who served the request and whether its
/// dependencies answer.
public struct ServiceStatus: Encodable, Sendable, Equatable {
    /// `ok`, `degraded` (the bucket is down) or `unavailable` (the database is down).
    public var status: String
    public var vertical: String
    public var platform: String
    public var environment: String
    public var region: String
    public var version: String
    /// `up` or `down`.
    public var database: String
    /// `up` or `down`.
    public var bucket: String
}
