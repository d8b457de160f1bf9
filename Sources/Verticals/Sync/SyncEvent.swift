import Foundation

/// One outbox row on its way out.
public struct SyncEvent: Sendable, Equatable {
    /// Gap-free per-origin sequence number.
    public var seq: Int64
    /// The replicated table's entity name.
    public var entity: String
    /// The row's key (key columns joined with `/`).
    public var key: String
    /// The row as JSON text, as the outbox trigger wrote it.
    public var payload: String
    /// The change's hybrid logical timestamp.
    public var hlc: Int64
    /// Origin commit time (the origin's clock), microseconds.
    public var committedUs: Int64
    /// For attachments: the object's bytes, base64. Bytes travel with the sync, never the request path.
    public var blob: String?

    public init(seq: Int64, entity: String, key: String, payload: String, hlc: Int64, committedUs: Int64, blob: String?)
    {
        self.seq = seq; self.entity = entity; self.key = key; self.payload = payload; self.hlc = hlc
        self.committedUs = committedUs; self.blob = blob
    }

    /// The event id: `origin:seq`.
    public static func id(origin: String, seq: Int64) -> String { "\(origin):\(seq)" }
}
