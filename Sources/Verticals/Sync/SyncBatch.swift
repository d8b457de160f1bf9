import Foundation

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
