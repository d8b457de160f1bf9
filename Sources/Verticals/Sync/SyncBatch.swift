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

    /// The wire form, written straight into bytes (no ``JSONValue`` tree per event): the same
    /// bytes as the tree `{"origin":…,"events":[{…,"row":<payload>}]}` serialised compactly.
    public func encoded() -> Data {
        var capacity = 32 + origin.utf8.count
        for event in events {
            capacity +=
                128 + event.entity.utf8.count + event.key.utf8.count + event.payload.utf8.count
                + (event.blob?.utf8.count ?? 0)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        bytes.append(contentsOf: #"{"origin":"#.utf8)
        JSONValue.writeString(origin, into: &bytes)
        bytes.append(contentsOf: #","events":["#.utf8)
        for (index, event) in events.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #"{"seq":"#.utf8)
            JSONValue.writeInteger(event.seq, into: &bytes)
            bytes.append(contentsOf: #","entity":"#.utf8)
            JSONValue.writeString(event.entity, into: &bytes)
            bytes.append(contentsOf: #","key":"#.utf8)
            JSONValue.writeString(event.key, into: &bytes)
            bytes.append(contentsOf: #","hlc":"#.utf8)
            JSONValue.writeInteger(event.hlc, into: &bytes)
            bytes.append(contentsOf: #","committed_us":"#.utf8)
            JSONValue.writeInteger(event.committedUs, into: &bytes)
            bytes.append(contentsOf: #","blob":"#.utf8)
            if let blob = event.blob {
                JSONValue.writeString(blob, into: &bytes)
            } else {
                bytes.append(contentsOf: "null".utf8)
            }
            bytes.append(contentsOf: #","row":"#.utf8)
            var payload = event.payload
            payload.withUTF8 { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(contentsOf: "]}".utf8)
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
