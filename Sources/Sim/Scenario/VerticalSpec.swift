/// One vertical: a provider's compute, database and bucket.
public struct VerticalSpec: Sendable {
    public var id: String
    public var platform: String
    public var environment: String
    public var region: String
    public var database: String
    /// Where the database runs; the runtime reaches it across ``RegionLatency`` (same as
    /// `region` unless given).
    public var databaseRegion: String
    public var bucket: String
    public var runtime: RuntimeSpec
    public var databaseIdle: DatabaseIdleSpec?
}

/// A compute runtime's limits (AWS Lambda, Scaleway Functions, Fly Machines).
public struct RuntimeSpec: Sendable {
    public var coldStartUs: Int64
    public var warmLatencyUs: Int64
    public var timeoutUs: Int64
    public var maxPayloadBytes: Int
    public var idleEvictionUs: Int64
    public var concurrency: Int
}

/// A serverless database that sleeps when idle and wakes with a cold start.
public struct DatabaseIdleSpec: Sendable {
    public var afterUs: Int64
    public var coldStartUs: Int64
}
