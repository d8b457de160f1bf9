import Foundation
import HTTPTypes

/// Sync over HTTP, as the publisher POSTs it to a peer (Standard Webhooks): the mapping between
/// an envelope and an HTTP request, and between an acknowledgement and the HTTP answer. Sans-I/O
/// like the rest of the protocol; whoever carries the bytes (the live mode's HTTP client and
/// server) calls these, so the wire form lives in one place.
///
/// `POST /sync/v1/events` with `webhook-id`, `webhook-timestamp`, `webhook-signature`, the
/// sender's id in `x-gb-sync-origin` (the signature proves it: only the pair's key verifies) and
/// the batch as the JSON body. The answer is the ``SyncAck`` as JSON: 200 when the envelope was
/// verified (and applied up to any gap), 401 for a bad signature or an expired timestamp, 400 for
/// a malformed batch or a future timestamp, 503 when the peer could not write.
extension SyncEnvelope {
    /// The path sync envelopes are POSTed to.
    public static let httpPath = "/sync/v1/events"

    /// The POST carrying this envelope from `origin` to the peer at `authority`.
    public func httpRequest(origin: String, authority: String) -> APIRequest {
        var headers = HTTPFields()
        headers[.webhookID] = webhookID
        headers[.webhookTimestamp] = "\(timestampSeconds)"
        headers[.webhookSignature] = signature
        headers[.gbSyncOrigin] = origin
        headers[.contentType] = "application/json"
        return APIRequest(.post, Self.httpPath, authority: authority, headers: headers, body: body)
    }

    /// The envelope and its sender's id in a sync POST; nil when a header is missing or malformed
    /// (the caller answers 400).
    public static func from(httpRequest request: APIRequest) -> (envelope: SyncEnvelope, origin: String)? {
        let fields = request.head.headerFields
        guard let id = fields[.webhookID], let timestamp = fields[.webhookTimestamp].flatMap({ Int64($0) }),
            let signature = fields[.webhookSignature], let origin = fields[.gbSyncOrigin], !origin.isEmpty
        else { return nil }
        return (
            SyncEnvelope(webhookID: id, timestampSeconds: timestamp, signature: signature, body: request.body), origin
        )
    }
}

extension SyncAck {
    /// The HTTP status that carries this acknowledgement.
    public var httpStatus: HTTPResponse.Status {
        switch rejection {
        case nil: return .ok
        case .badSignature?, .expired?: return .unauthorized
        case .malformed?, .futureTimestamp?: return .badRequest
        case .unavailable?: return .serviceUnavailable
        }
    }

    /// The acknowledgement as JSON: `{"from":…,"origin":…,"applied_seq":…,"rejection":…,"gap":…}`.
    public func json() -> Data {
        Data(
            JSONValue.object([
                ("from", .string(from)), ("origin", .string(origin)), ("applied_seq", .int(appliedSeq)),
                ("rejection", rejection.map { .string($0.rawValue) } ?? .null), ("gap", .bool(gap)),
            ]).serialized().utf8)
    }

    /// The acknowledgement in an HTTP answer's body; nil when it is not one.
    public static func parse(json body: Data) -> SyncAck? {
        // try?-ok: an answer that is not an acknowledgement is treated as no answer (the timer runs)
        guard let value = try? JSONValue.parse(body), let from = value["from"]?.stringValue,  // try?-ok: refused
            let origin = value["origin"]?.stringValue, let applied = value["applied_seq"]?.int64Value
        else { return nil }
        let rejection = value["rejection"]?.stringValue.flatMap(SyncRejection.init(rawValue:))
        if value["rejection"]?.stringValue != nil, rejection == nil { return nil }
        let gap: Bool
        if case .bool(let flag)? = value["gap"] { gap = flag } else { gap = false }
        return SyncAck(from: from, origin: origin, appliedSeq: applied, rejection: rejection, gap: gap)
    }
}

/// Header names of sync over HTTP.
extension HTTPField.Name {
    public static let webhookID = HTTPField.Name("webhook-id")!
    public static let webhookTimestamp = HTTPField.Name("webhook-timestamp")!
    public static let webhookSignature = HTTPField.Name("webhook-signature")!
    public static let gbSyncOrigin = HTTPField.Name("x-gb-sync-origin")!
}
