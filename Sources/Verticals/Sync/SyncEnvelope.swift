import Foundation

/// One signed sync message from an origin vertical to a peer: a batch of outbox events.
///
/// Headers follow Standard Webhooks: ``webhookID`` is the id of the batch's last event
/// (`origin:seq`, the idempotency key), ``timestampSeconds`` is the sender's clock, and
/// ``signature`` the `v1,` list. The body is JSON (``SyncBatch``).
public struct SyncEnvelope: Sendable {
    public var webhookID: String
    public var timestampSeconds: Int64
    public var signature: String
    public var body: Data

    public init(webhookID: String, timestampSeconds: Int64, signature: String, body: Data) {
        self.webhookID = webhookID
        self.timestampSeconds = timestampSeconds
        self.signature = signature
        self.body = body
    }
}

/// The body of a ``SyncEnvelope``.
public struct SyncBatch: Codable, Sendable {
    /// The vertical whose outbox the events come from.
    public var origin: String
    /// Consecutive events in `seq` order.
    public var events: [SyncEvent]
}

/// One outbox row on the wire.
public struct SyncEvent: Codable, Sendable, Equatable {
    /// Gap-free per-origin sequence number.
    public var seq: Int64
    /// `runbook` or `attachment`.
    public var entity: String
    /// The row's key (`runbook id`, or `runbook id/name`).
    public var key: String
    /// The row as JSON text, as the outbox trigger wrote it.
    public var payload: String
    /// The change's hybrid logical timestamp.
    public var hlc: Int64
    /// Origin commit time (the origin's clock), microseconds.
    public var committedUs: Int64
    /// For attachments: the object's bytes, base64. Bytes travel with the sync, never the request path.
    public var blob: String?

    /// The event id: `origin:seq`.
    public static func id(origin: String, seq: Int64) -> String { "\(origin):\(seq)" }
}

/// A consumer's answer to an envelope.
public struct SyncAck: Sendable, Equatable {
    /// The peer that answers.
    public var from: String
    /// The origin whose events it applied.
    public var origin: String
    /// Highest seq from `origin` applied at the peer (its watermark), after this envelope.
    public var appliedSeq: Int64
    /// Why the envelope was refused, if it was.
    public var rejection: SyncRejection?
    /// True when the envelope started past the watermark: the sender must go back and fill the gap.
    public var gap = false

    public init(from: String, origin: String, appliedSeq: Int64, rejection: SyncRejection?, gap: Bool = false) {
        self.from = from; self.origin = origin; self.appliedSeq = appliedSeq; self.rejection = rejection; self.gap = gap
    }
}

/// Why a consumer refused an envelope. Each is counted.
public enum SyncRejection: String, Sendable, CaseIterable {
    /// No signature matched any key.
    case badSignature = "bad-signature"
    /// The timestamp is outside the tolerance.
    case expired
    /// The body is not a valid batch, or its origin is not the signing peer.
    case malformed
    /// An event's timestamp is too far in the future.
    case futureTimestamp = "future-timestamp"
    /// The consumer could not write (its database is down).
    case unavailable
}
