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

/// The body of a ``SyncEnvelope``: `{"origin":…,"events":[{"seq":…,"entity":…,"key":…,"hlc":…,
/// "committed_us":…,"blob":…,"row":{…}}]}`. Rows travel as the JSON objects the outbox trigger
/// wrote, spliced in without re-encoding, and are parsed once on arrival.
public struct SyncBatch: Sendable {
    /// The vertical whose outbox the events come from.
    public var origin: String
    /// Consecutive events in `seq` order.
    public var events: [SyncEvent]

    public init(origin: String, events: [SyncEvent]) {
        self.origin = origin
        self.events = events
    }

    /// The wire form.
    public func encoded() -> Data {
        let value = JSONValue.object([
            ("origin", .string(origin)),
            (
                "events",
                .array(
                    events.map { event in
                        .object([
                            ("seq", .int(event.seq)), ("entity", .string(event.entity)), ("key", .string(event.key)),
                            ("hlc", .int(event.hlc)), ("committed_us", .int(event.committedUs)),
                            ("blob", event.blob.map { .string($0) } ?? .null), ("row", .raw(event.payload)),
                        ])
                    })
            ),
        ])
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 * max(1, events.count))
        value.write(into: &bytes)
        return Data(bytes)
    }

    /// Parses the wire form; nil when it is not a well-formed batch.
    public static func parse(_ body: Data) -> (origin: String, events: [ReceivedEvent])? {
        guard let object = try? JSONValue.parse(body),  // try?-ok: a malformed body is refused as malformed
            let origin = object["origin"]?.stringValue, let list = object["events"]?.arrayValue
        else { return nil }
        var events: [ReceivedEvent] = []
        events.reserveCapacity(list.count)
        for item in list {
            guard let seq = item["seq"]?.int64Value, let entity = item["entity"]?.stringValue,
                let key = item["key"]?.stringValue, let hlc = item["hlc"]?.int64Value,
                let committed = item["committed_us"]?.int64Value,
                let row = item["row"], case .object = row
            else { return nil }
            events.append(
                ReceivedEvent(
                    seq: seq, entity: entity, key: key, hlc: hlc, committedUs: committed,
                    blob: item["blob"]?.stringValue, row: row))
        }
        return (origin, events)
    }
}

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

/// One event as received, its row parsed.
public struct ReceivedEvent: Sendable {
    public var seq: Int64
    public var entity: String
    public var key: String
    public var hlc: Int64
    public var committedUs: Int64
    public var blob: String?
    /// The row, a JSON object.
    public var row: JSONValue
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
