import Foundation
import GRDB

/// The outbox side of sync for one origin vertical: turns outbox rows into signed envelopes, and
/// persists each peer's acknowledged watermark. What to send when is the ``SyncSender``'s
/// decision; this type only reads and writes the vertical's storage.
///
/// The acknowledged watermark is persisted per peer (`sync_peer`), so a restarted vertical
/// resumes where its peers are; the peer's own `(origin, applied_seq)` stays the authority.
public final class SyncPublisher {
    public let origin: String
    let database: VerticalDatabase
    let bucket: Bucket
    /// Keys shared with each peer, by peer id.
    public var keyrings: [String: SyncKeyring]
    /// Most events in one envelope.
    public let batchSize: Int
    private var ackedSeq: [String: Int64] = [:]

    public init(
        origin: String, database: VerticalDatabase, bucket: Bucket, keyrings: [String: SyncKeyring],
        batchSize: Int
    ) throws {
        precondition(batchSize > 0, "batch size must be positive")
        self.origin = origin
        self.database = database
        self.bucket = bucket
        self.keyrings = keyrings
        self.batchSize = batchSize
        try reloadWatermarks()
    }

    /// Reloads acknowledged watermarks from disk (after a crash lost the in-memory copy).
    public func reloadWatermarks() throws {
        ackedSeq = try database.read { db in
            var result: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT peer, acked_seq FROM sync_peer") {
                result[row[0]] = row[1]
            }
            return result
        }
    }

    /// The highest seq `peer` has acknowledged.
    public func acked(by peer: String) -> Int64 { ackedSeq[peer] ?? 0 }

    /// The highest seq the outbox assigned (rows up to every peer's watermark may be pruned), as
    /// of the last commit: followed from the inserts (``VerticalDatabase/outboxHead``), not read.
    public func latestSeq() throws -> Int64 {
        database.outboxHead
    }

    /// Outbox rows still held: those some peer has not acknowledged yet.
    public func retainedRows() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    /// Outbox rows deleted because every peer had acknowledged them.
    public private(set) var prunedRows = 0

    /// The lowest watermark over every peer this vertical syncs with: rows at or below it are
    /// applied everywhere and no resend can ask for them.
    var prunableSeq: Int64 { keyrings.keys.map { acked(by: $0) }.min() ?? 0 }

    /// An envelope for `peer` with up to ``batchSize`` events after `afterSeq`, or nil when there
    /// are none. `timestampSeconds` is the sender's clock; `signingKeyring` overrides the peer's
    /// keys (a vertical whose secret is wrong).
    public func envelope(
        to peer: String, afterSeq: Int64, timestampSeconds: Int64,
        signingKeyring: SyncKeyring? = nil
    ) throws -> (envelope: SyncEnvelope, lastSeq: Int64)? {
        guard let keyring = signingKeyring ?? keyrings[peer] else {
            preconditionFailure("no sync key shared between \(origin) and \(peer)")
        }
        let events = try database.read { db -> [SyncEvent] in
            let statement = try TypedStatement(
                db,
                sql: """
                    SELECT seq, entity, entity_key, payload, hlc, committed_us FROM outbox
                    WHERE seq > ? ORDER BY seq LIMIT ?
                    """)
            statement.bind(1, afterSeq)
            statement.bind(2, Int64(batchSize))
            return try statement.fetchAll { row in
                SyncEvent(
                    seq: row.int64(0), entity: row.text(1), key: row.text(2), payload: row.text(3), hlc: row.int64(4),
                    committedUs: row.int64(5), blob: nil)
            }
        }
        guard let last = events.last else { return nil }
        var withBlobs = events
        for index in withBlobs.indices where withBlobs[index].entity == "attachment" {
            withBlobs[index].blob = try blob(forAttachmentPayload: withBlobs[index].payload)
        }
        precondition(
            zip(withBlobs, withBlobs.dropFirst()).allSatisfy { $0.seq + 1 == $1.seq }, "outbox seq must be gap-free")
        let body = SyncBatch(origin: origin, events: withBlobs).encoded()
        let id = SyncEvent.id(origin: origin, seq: last.seq)
        let signature = SyncSignature.sign(id: id, timestampSeconds: timestampSeconds, body: body, keyring: keyring)
        return (
            SyncEnvelope(webhookID: id, timestampSeconds: timestampSeconds, signature: signature, body: body), last.seq
        )
    }

    private func blob(forAttachmentPayload payload: String) throws -> String? {
        let row = try JSONValue.parse(payload.utf8)
        guard row["deleted"]?.int64Value == 0, let sha = row["sha256"]?.stringValue
        else { return nil }
        return try bucket.get(Bucket.objectKey(sha256: sha))?.base64EncodedString()
    }

    /// Records `peer`'s acknowledged watermark. Returns whether it moved.
    @discardableResult
    public func acknowledge(peer: String, appliedSeq: Int64) throws -> Bool {
        guard appliedSeq != acked(by: peer) else { return false }
        ackedSeq[peer] = appliedSeq
        let prunable = prunableSeq
        prunedRows += try database.write { db in
            let record = try TypedStatement(
                db,
                sql: """
                    INSERT INTO sync_peer (peer, acked_seq) VALUES (?, ?)
                    ON CONFLICT(peer) DO UPDATE SET acked_seq = excluded.acked_seq
                    """)
            record.bind(1, peer)
            record.bind(2, appliedSeq)
            try record.execute()
            // The outbox is a queue: a row every peer has applied is never read again.
            let prune = try TypedStatement(db, sql: "DELETE FROM outbox WHERE seq <= ?")
            prune.bind(1, prunable)
            try prune.execute()
            return db.changesCount
        }
        return true
    }
}
