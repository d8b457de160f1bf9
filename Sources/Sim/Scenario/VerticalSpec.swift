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
