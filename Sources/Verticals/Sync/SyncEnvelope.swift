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
